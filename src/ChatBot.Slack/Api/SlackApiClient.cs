using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Telemetry;
using ChatBot.Slack.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Api;

/// <summary>
/// The Slack Web API calls the bot needs (protocols.md B5): bot-token Bearer auth, JSON bodies for writes,
/// {ok:false,error} surfaced as <see cref="SlackApiException"/>, 429 waited out per Retry-After, 5xx retried,
/// and posts to one channel spaced by <see cref="SlackPostThrottle"/>. A singleton: each call takes a client from
/// <see cref="IHttpClientFactory"/> (named <see cref="HttpClientName"/>), so the pooled handlers are renewed as the
/// factory rotates them (DNS changes are seen) instead of one client being kept for the life of the process.
/// </summary>
public sealed class SlackApiClient(
    IHttpClientFactory httpClientFactory,
    IOptions<SlackOptions> options,
    SlackPostThrottle throttle,
    TimeProvider timeProvider,
    ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "slack";
    public const int MaxAttempts = 4;
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);
    private readonly SlackOptions _options = options.Value;

    public async Task<SlackIdentity> AuthTestAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync("auth.test", _options.BotToken, new JsonObject(), cancellationToken);
        return new SlackIdentity
        {
            BotUserId = (string?)reply["user_id"],
            BotId = (string?)reply["bot_id"],
            TeamId = (string?)reply["team_id"],
        };
    }

    /// <summary>apps.connections.open with the app-level token: a fresh Socket Mode URL (call it for every connection).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync("apps.connections.open", _options.AppToken, null, cancellationToken);
        var url = (string?)reply["url"];
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException("apps.connections.open", "no_url");
    }

    /// <summary>chat.postMessage; returns the message ts.</summary>
    public async Task<string> PostMessageAsync(JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = (string?)message["channel"] ?? throw new ArgumentException("channel is required", nameof(message));
        using var turn = await throttle.EnterAsync(channel, cancellationToken);
        var reply = await CallAsync("chat.postMessage", _options.BotToken, message, cancellationToken);
        return (string?)reply["ts"] ?? string.Empty;
    }

    /// <summary>chat.update (channel + ts of a message the bot posted).</summary>
    public async Task UpdateMessageAsync(JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await CallAsync("chat.update", _options.BotToken, message, cancellationToken);
    }

    /// <summary>chat.postEphemeral: only <c>user</c> sees it (refusals, errors, "busy"); returns the message_ts.</summary>
    public async Task<string> PostEphemeralAsync(JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reply = await CallAsync("chat.postEphemeral", _options.BotToken, message, cancellationToken);
        return (string?)reply["message_ts"] ?? string.Empty;
    }

    /// <summary>chat.delete of a message the bot posted.</summary>
    public async Task DeleteMessageAsync(string channelId, string ts, CancellationToken cancellationToken) =>
        await CallAsync("chat.delete", _options.BotToken, new JsonObject { ["channel"] = channelId, ["ts"] = ts }, cancellationToken);

    /// <summary>
    /// One page of conversations.replies (a read method: GET with the arguments in the query): the thread's messages,
    /// parent first, up to <paramref name="latest"/> (exclusive), and the cursor of the next page (empty on the last).
    /// </summary>
    public async Task<(JsonArray Messages, string NextCursor)> RepliesAsync(
        string channelId, string threadTs, string? latest, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?>
        {
            ["channel"] = channelId,
            ["ts"] = threadTs,
            ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["latest"] = latest,
            ["inclusive"] = latest is null ? null : "false",
            ["cursor"] = string.IsNullOrEmpty(cursor) ? null : cursor,
        };
        var reply = await ReadAsync("conversations.replies", query, cancellationToken);
        return (reply["messages"] as JsonArray ?? [], (string?)reply["response_metadata"]?["next_cursor"] ?? string.Empty);
    }

    /// <summary>
    /// views.open: shows a modal to the user whose <paramref name="triggerId"/> (a shortcut's, valid for 3 s) it is. Sent as
    /// the spec declares it (GET, the view as JSON in the query).
    /// </summary>
    public async Task ViewsOpenAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        await ReadAsync("views.open", new Dictionary<string, string?> { ["trigger_id"] = triggerId, ["view"] = view.ToJsonString() }, cancellationToken);
    }

    /// <summary>A method the spec declares as GET: the arguments in the query, the bot token in the header.</summary>
    private Task<JsonObject> ReadAsync(string method, Dictionary<string, string?> query, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUri, method + "?" + string.Join('&', query
            .Where(q => q.Value is not null)
            .Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value!))));
        return SendWithRetriesAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BotToken);
            return request;
        }, expectOk: true, cancellationToken);
    }

    /// <summary>POSTs to a response_url (slash commands, interactivity): the URL is the credential, no token.</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(body);
        await SendWithRetriesAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body) }, expectOk: false, cancellationToken);
    }

    private Task<JsonObject> CallAsync(string method, string? token, JsonObject? body, CancellationToken cancellationToken) =>
        SendWithRetriesAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, method));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Content = body is null
                ? new FormUrlEncodedContent([])
                : Json(body);
            return request;
        }, expectOk: true, cancellationToken);

    private Uri BaseUri => new(_options.ApiBaseUrl.EndsWith('/') ? _options.ApiBaseUrl : _options.ApiBaseUrl + "/");

    private static StringContent Json(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<JsonObject> SendWithRetriesAsync(string method, Func<HttpRequestMessage> build, bool expectOk, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                var wait = RetryAfter(response);
                SlackLog.RateLimited(logger, method, wait.TotalSeconds);
                ChatTelemetry.RecordRateLimitWait("slack");
                await Task.Delay(wait, timeProvider, cancellationToken);
                continue;
            }

            if ((int)response.StatusCode >= 500 && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(attempt);
                SlackLog.TransientFailure(logger, method, (int)response.StatusCode, attempt, wait.TotalMilliseconds);
                await Task.Delay(wait, timeProvider, cancellationToken);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = response.StatusCode == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)response.StatusCode}";
                SlackLog.ApiError(logger, method, error);
                throw new SlackApiException(method, error);
            }

            if (!expectOk)
            {
                return new JsonObject();
            }

            JsonObject? reply;
            try
            {
                reply = JsonNode.Parse(text) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                reply = null;
            }

            if (reply is null)
            {
                throw new SlackApiException(method, "invalid_response");
            }

            if (reply["ok"]?.GetValue<bool>() != true)
            {
                var error = (string?)reply["error"] ?? "unknown_error";
                SlackLog.ApiError(logger, method, error);
                throw new SlackApiException(method, error);
            }

            return reply;
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta < MaxRetryAfter ? delta : MaxRetryAfter;
        }

        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, MaxRetryAfter.TotalSeconds));
        }

        return DefaultRetryAfter;
    }
}
