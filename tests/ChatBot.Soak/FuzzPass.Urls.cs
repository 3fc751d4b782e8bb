using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Soak;

public sealed partial class FuzzPass
{
    // Short, so that the slow-loris cases finish quickly; the check is that each fetch ends by this budget (plus slack).
    private const int FetchTimeoutSeconds = 5;
    private static readonly TimeSpan FetchSlack = TimeSpan.FromSeconds(10);

    // What the process may read beyond the cap while one fetch runs: the last read's chunk, HTTP framing, the other
    // hosts' idle traffic. A bot that stopped capping reads the whole 100 MB; one that drained a refused body on
    // dispose (SocketsHttpHandler's default) reads 1 MB more.
    private const long ReadSlack = 512 * 1024;

    /// <summary>The fuzz case of <see cref="GzipBomb"/>.</summary>
    public const string GzipBombCase = "gzip bomb (10 MB → 10 GB, streamed)";
    private const string GzipBombPath = "/gzip-bomb";

    /// <summary>
    /// URLs: SSRF targets through the running bot (its guard on, as configured by default) must be refused before any
    /// connection; then a hostile server on loopback (reachable only because a second host allows private networks)
    /// with redirect loops, slow-loris, 100 MB bodies, XML bombs in feeds, a gzip bomb: each fetch ends within its
    /// timeout with a clear error, reading at most Ingestion:MaxBytes (plus <see cref="ReadSlack"/>) from its sockets,
    /// and the store stays consistent.
    /// </summary>
    private async Task UrlsAsync(CancellationToken cancellationToken)
    {
        await using var web = await HostileWebServer.StartAsync();
        var port = web.Port.ToString(CultureInfo.InvariantCulture);
        string[] ssrf =
        [
            $"http://127.0.0.1:{port}/ssrf-hit",
            $"http://localhost:{port}/ssrf-hit",
            $"http://[::1]:{port}/ssrf-hit",
            $"http://[::ffff:127.0.0.1]:{port}/ssrf-hit",
            $"http://2130706433:{port}/ssrf-hit",
            $"http://0x7f.0.0.1:{port}/ssrf-hit",
            $"http://127.1:{port}/ssrf-hit",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/admin",
            "http://192.168.1.1/",
            "http://[fd00::1]/",
        ];
        foreach (var url in ssrf.Where(_ => Take()))
        {
            var (results, elapsed, failure) = await IngestWithinAsync(retrieval, url, cancellationToken);
            var result = results.Count > 0 ? results[0] : null;
            var refused = failure is null && result is { Outcome: IngestOutcome.Failed, Error: { Length: > 0 } };
            _results.Add(new FuzzCaseResult("url (guard on)", url, refused && elapsed < FetchSlack,
                failure ?? $"{Describe(result)} in {elapsed.TotalMilliseconds:0} ms"));
        }

        _results.Add(new FuzzCaseResult("url (guard on)", "hostile server never reached by the SSRF cases", web.Hits("/ssrf-hit") == 0, $"{web.Hits("/ssrf-hit")} hits on /ssrf-hit"));

        var data = Path.Combine(workDirectory, "fuzz-web-data");
        using var host = ChatBotHost.Build(
            [
                "--Storage:DataDirectory=" + data,
                "--Ingestion:AllowPrivateNetworks=true",
                "--Ingestion:TimeoutSeconds=" + FetchTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                "--Ingestion:MaxBytes=" + MaxBytes.ToString(CultureInfo.InvariantCulture),
            ],
            runPlatforms: false,
            new ConsoleIo(TextReader.Null, TextWriter.Null),
            LogLevel.Critical);
        await host.StartAsync(cancellationToken);
        try
        {
            var open = host.Services.GetRequiredService<IRetrievalService>();
            using var received = new SocketBytesReceived();
            var before = await received.ReadAsync(cancellationToken);
            var cases = new (string Path, string Name, bool MayAdd)[]
            {
                ("/page", "an ordinary page (control)", true),
                ("/loop", "redirect to itself", false),
                ("/loop-a", "two pages redirecting to each other", false),
                ("/slow-body", "slow-loris body (1 byte/s for 2 min)", false),
                ("/slow-headers", "no headers for 2 min", false),
                ("/huge.html", "100 MB page", false),
                ("/huge-feed", "100 MB RSS feed", false),
                ("/laughs-feed", "billion-laughs RSS feed", true), // the DOCTYPE is ignored, not refused: read, never expanded
                ("/xxe-feed", "RSS feed with file:// and http:// external entities", true), // read, nothing resolved
                (GzipBombPath, GzipBombCase, false),
                ("/image.png", "an image, not an article", false),
                ("/error-500", "HTTP 500", false),
                ("/reset", "connection reset", false),
            };
            foreach (var (path, name, mayAdd) in cases.Where(_ => Take()))
            {
                var url = web.Url(path).AbsoluteUri;
                var (results, elapsed, failure) = await IngestWithinAsync(open, url, cancellationToken);
                var result = results.Count > 0 ? results[0] : null;
                var inTime = elapsed < TimeSpan.FromSeconds(FetchTimeoutSeconds) + FetchSlack;
                var leaked = results.Any(r => r.Article is { } a && (a.Title.Contains("root:", StringComparison.Ordinal) || a.Title.Contains("lollol", StringComparison.Ordinal)));
                var clear = mayAdd ? result is { Succeeded: true } : results.Count > 0 && results.All(r => r.Outcome == IngestOutcome.Failed && !string.IsNullOrWhiteSpace(r.Error));
                var after = await received.ReadAsync(cancellationToken);
                var read = after - before;
                before = after;
                var capped = read <= MaxBytes + ReadSlack;
                // The bomb is cut by the cap on the bytes it expands to (a timeout or a parse failure would hide a missing cap).
                capped &= path != GzipBombPath || (result?.Error?.Contains("Ingestion:MaxBytes", StringComparison.Ordinal) ?? false);
                _results.Add(new FuzzCaseResult("url (hostile server)", name, failure is null && inTime && clear && !leaked && capped,
                    (failure ?? Describe(result)) + $" in {elapsed.TotalSeconds:0.0} s, read {read / 1024.0 / 1024.0:0.00} MB"));
            }

            var vectors = host.Services.GetRequiredService<VectorIndex>().Count;
            var check = await StoreChecker.CheckAsync(data, vectors, cancellationToken);
            _results.Add(new FuzzCaseResult("url (hostile server)", "store after the hostile URLs", check.Consistent, check.ToString()));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        await log.WriteLineAsync($"fuzz urls: {web.Hits("/ssrf-hit")} SSRF hits; slow-loris got {web.BytesSent("/slow-body")} bytes out");
    }

    /// <summary>Runs one ingest with a watchdog twice the fetch budget: a hang is reported, not waited out.</summary>
    private static async Task<(IReadOnlyList<IngestResult> Results, TimeSpan Elapsed, string? Failure)> IngestWithinAsync(
        IRetrievalService service, string url, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(FetchTimeoutSeconds) * 2 + FetchSlack);
        try
        {
            var results = await service.IngestAsync(LibraryNames.Local, url, watchdog.Token);
            return (results, watch.Elapsed, null);
        }
        catch (IngestionException ex)
        {
            return ([new IngestResult(url, IngestOutcome.Failed, null, ex.Message)], watch.Elapsed, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], watch.Elapsed, "HUNG: still fetching after the watchdog");
        }
        catch (Exception ex)
        {
            return ([], watch.Elapsed, "CRASHED: " + ex.GetType().Name + ": " + Shorten(ex.Message));
        }
    }

    private static string Describe(IngestResult? result) => result is null
        ? "no result"
        : result.Outcome.ToString().ToLowerInvariant() + (result.Error is null ? string.Empty : ": " + Shorten(result.Error, 120));
}
