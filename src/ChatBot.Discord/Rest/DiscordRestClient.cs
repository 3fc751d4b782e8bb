using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Discord REST API v10 over HttpClient: bot authorization, the required User-Agent, JSON bodies,
/// per-route buckets, 429 (route and global) waited out, 5xx retried with back-off, 401/403 surfaced and counted.
/// </summary>
public sealed partial class DiscordRestClient
{
    public const string HttpClientName = "discord";

    private static readonly string Version =
        typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly DiscordOptions _options;
    private readonly DiscordRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;
    private long _authFailures;

    internal DiscordRestClient(IHttpClientFactory httpClientFactory, IOptions<DiscordOptions> options, DiscordRateLimiter limiter, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _limiter = limiter;
        _time = time;
        _logger = logger;
    }

    /// <summary>401/403 answers so far: a revoked token or missing permissions.</summary>
    public long AuthFailures => Interlocked.Read(ref _authFailures);

    public string UserAgent => $"DiscordBot ({_options.UserAgentUrl}, {Version})";

    /// <summary>Sends one request; returns the JSON answer, or null for 204 No Content.</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var route = method.Method + " " + RouteOf(path);
        var bucket = BucketOf(method, path);
        var exempt = IsInteractionEndpoint(path);
        var payload = body?.ToJsonString();
        var client = _httpClientFactory.CreateClient(HttpClientName);
        // A 429 is an instruction to wait, not a failure: it is waited out up to MaxRateLimitWaits times (the
        // caller's token bounds the total). Server errors are retried MaxRetries times with back-off.
        var rateLimitWaits = 0;
        var serverErrors = 0;
        while (true)
        {
            var wait = _limiter.DelayFor(bucket, exempt);
            if (wait > TimeSpan.Zero)
            {
                DiscordLog.BucketWait(_logger, route, wait);
                await Task.Delay(wait, _time, cancellationToken);
            }

            _limiter.Consume(bucket);
            using var request = new HttpRequestMessage(method, _options.ApiBaseUrl.TrimEnd('/') + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, cancellationToken);
            _limiter.Update(bucket, response.Headers);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0
                    ? null
                    : JsonDocument.Parse(text).RootElement.Clone();
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimitWaits++ < _options.MaxRateLimitWaits)
            {
                var (delay, global) = RetryAfter(response, text);
                ChatTelemetry.RecordRateLimitWait(DiscordPlatformService.Platform);
                if (global)
                {
                    _limiter.PauseGlobally(delay);
                }

                DiscordLog.RateLimited(_logger, method.Method, RouteOf(path), delay, global);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            if ((int)response.StatusCode >= 500 && serverErrors < _options.MaxRetries)
            {
                var delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds * Math.Pow(2, serverErrors++) * (0.5 + (Random.Shared.NextDouble() / 2)));
                DiscordLog.ServerError(_logger, method.Method, RouteOf(path), (int)response.StatusCode, delay);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            var (code, message) = ErrorOf(text);
            var exception = new DiscordApiException(response.StatusCode, code, method.Method + " " + RouteOf(path), message);
            if (exception.IsAuthFailure)
            {
                DiscordLog.AuthFailure(_logger, method.Method, RouteOf(path), (int)response.StatusCode, Interlocked.Increment(ref _authFailures));
            }

            throw exception;
        }
    }

    /// <summary>
    /// The limiter's key: method, route template and major parameter (protocols.md: channel, guild, or webhook id + token).
    /// An interaction's callback and its webhook are keyed by that interaction (id / token), so one interaction's limit
    /// never holds up another's acknowledgement. Kept in memory only; logs use <see cref="RouteOf"/>.
    /// </summary>
    internal static string BucketOf(HttpMethod method, string path)
    {
        var withoutQuery = path.Split('?')[0];
        var major = InteractionPath().Match(withoutQuery) is { Success: true } interaction ? interaction.Value
            : WebhookTokenPath().Match(withoutQuery) is { Success: true } webhook ? webhook.Value
            : null;
        return method.Method + " " + RouteOf(path) + (major is null ? string.Empty : " " + major);
    }

    /// <summary>Interaction callbacks and interaction webhooks are exempt from the global limit (protocols.md).</summary>
    internal static bool IsInteractionEndpoint(string path) =>
        path.StartsWith("/interactions/", StringComparison.Ordinal) || path.StartsWith("/webhooks/", StringComparison.Ordinal);

    /// <summary>The path with tokens and minor ids hidden: safe to log.</summary>
    internal static string RouteOf(string path)
    {
        var withoutQuery = path.Split('?')[0];
        var route = InteractionPath().Replace(withoutQuery, "/interactions/{id}/{token}");
        route = WebhookPath().Replace(route, "/webhooks/$1/{token}");
        return MessageIdPath().Replace(route, "/messages/{id}");
    }

    private static (TimeSpan Delay, bool Global) RetryAfter(HttpResponseMessage response, string text)
    {
        double seconds = 1;
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("retry_after", out var r) && r.TryGetDouble(out var s))
            {
                seconds = s;
            }

            if (doc.RootElement.TryGetProperty("global", out var gl) && gl.ValueKind == JsonValueKind.True)
            {
                global = true;
            }
        }
        catch (JsonException)
        {
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                seconds = delta.TotalSeconds;
            }
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 300)), global);
    }

    private static (int? Code, string Message) ErrorOf(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var code = doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int?)null;
            var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text[..200] : text);
        }
    }

    [GeneratedRegex(@"/interactions/\d+/[^/]+")]
    private static partial Regex InteractionPath();

    [GeneratedRegex(@"/webhooks/(\d+)/[^/]+")]
    private static partial Regex WebhookPath();

    [GeneratedRegex(@"^/webhooks/\d+/[^/?]+")]
    private static partial Regex WebhookTokenPath();

    [GeneratedRegex(@"/messages/\d+")]
    private static partial Regex MessageIdPath();
}
