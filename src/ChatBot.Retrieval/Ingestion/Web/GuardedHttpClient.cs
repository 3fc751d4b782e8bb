using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// The one HTTP client that fetches user-given URLs (pages and feeds). Redirects are followed by hand (at most
/// <see cref="MaxRedirects"/>, each hop's URL checked); the connect callback resolves the host itself and connects
/// only to addresses the SSRF guard allows (so the check holds after redirects and DNS rebinding); the whole
/// fetch runs under Ingestion:TimeoutSeconds; bodies are read as a stream and cut at Ingestion:MaxBytes, and a body
/// left unread is never drained (the handler would read up to 1 MB more of it to reuse the connection).
/// </summary>
public sealed class GuardedHttpClient : IDisposable
{
    public const int MaxRedirects = 5;

    private readonly IngestionOptions _options;
    private readonly ILogger<GuardedHttpClient> _logger;
    private readonly HttpClient _client;
    private readonly Func<IPAddress, bool> _isBlocked;

    public GuardedHttpClient(IOptions<IngestionOptions> options, ILogger<GuardedHttpClient> logger)
        : this(options, logger, NetworkAddressGuard.IsBlocked)
    {
    }

    /// <summary>Tests pass a narrower rule (e.g. everything the guard blocks except 127.0.0.1, where the test server listens).</summary>
    internal GuardedHttpClient(IOptions<IngestionOptions> options, ILogger<GuardedHttpClient> logger, Func<IPAddress, bool> isBlocked)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _isBlocked = address => isBlocked(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would hide the address actually connected to
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(_options.TimeoutSeconds),
            MaxResponseDrainSize = 0, // a body left unread (past the cap, a redirect's, an error's) is not drained: the connection is closed
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    /// <summary>GETs <paramref name="url"/>, following redirects. A 304 (when <paramref name="validators"/> were sent) comes back with an empty body.</summary>
    /// <exception cref="IngestionException">Refused address or scheme, too many redirects, HTTP error, timeout, or too large.</exception>
    public async Task<HttpFetchResponse> GetAsync(Uri url, string accept, HttpValidators? validators, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var current = url;
        try
        {
            for (var hop = 0; ; hop++)
            {
                CheckUrl(current);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd(accept);
                if (validators?.ETag is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                if (validators?.LastModified is { } lastModified)
                {
                    request.Headers.IfModifiedSince = lastModified;
                }

                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
                {
                    if (hop >= MaxRedirects)
                    {
                        throw new IngestionException($"{url} redirects more than {MaxRedirects} times.");
                    }

                    var location = response.Headers.Location
                        ?? throw new IngestionException($"{current} answered HTTP {status} without a Location.");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    RetrievalLog.Redirected(_logger, current.AbsoluteUri, next.AbsoluteUri);
                    current = next;
                    continue;
                }

                var found = new HttpValidators(
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new HttpFetchResponse(current, response.StatusCode, null, null, [], found.IsEmpty ? validators ?? found : found);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new IngestionException($"{current} answered HTTP {status} {response.ReasonPhrase}.");
                }

                var body = await ReadCappedAsync(response.Content, current, budget.Token);
                var type = response.Content.Headers.ContentType;
                return new HttpFetchResponse(current, response.StatusCode, type?.MediaType?.ToLowerInvariant(), type?.CharSet, body, found);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IngestionException($"{current} did not answer within {_options.TimeoutSeconds} s (Ingestion:TimeoutSeconds).");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            throw new IngestionException(blocked.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new IngestionException($"Cannot fetch {current}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private void CheckUrl(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            throw new IngestionException($"Only http and https URLs can be fetched, not {url.Scheme}: ({url}).");
        }

        if (!_options.AllowPrivateNetworks && IPAddress.TryParse(url.IdnHost, out var literal) && _isBlocked(literal))
        {
            throw new IngestionException(Refusal(url.IdnHost, literal));
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        var max = _options.MaxBytes;
        if (content.Headers.ContentLength is long declared && declared > max)
        {
            throw new IngestionException(TooLarge(url, max));
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new IngestionException(TooLarge(url, max));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = _options.AllowPrivateNetworks ? addresses : addresses.Where(a => !_isBlocked(a)).ToArray();
        if (allowed.Length == 0)
        {
            var first = addresses.FirstOrDefault();
            RetrievalLog.AddressRefused(_logger, host, first?.ToString() ?? "(none)");
            throw new BlockedAddressException(first is null ? $"{host} does not resolve." : Refusal(host, first));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);

            // Judge the address actually connected to, not only what DNS said a moment ago.
            if (!_options.AllowPrivateNetworks && socket.RemoteEndPoint is IPEndPoint remote && _isBlocked(remote.Address))
            {
                throw new BlockedAddressException(Refusal(host, remote.Address));
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static BlockedAddressException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BlockedAddressException blocked)
            {
                return blocked;
            }
        }

        return null;
    }

    private static string Refusal(string host, IPAddress address) =>
        $"Refused to fetch {host}: it resolves to {address}, a loopback, private, link-local or metadata address (Ingestion:AllowPrivateNetworks is off).";

    private static string TooLarge(Uri url, long max) => $"{url} is larger than the {max:N0}-byte limit (Ingestion:MaxBytes).";
}
