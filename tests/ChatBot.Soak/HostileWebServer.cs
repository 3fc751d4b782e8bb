using System.Collections.Concurrent;
using System.Text;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Soak;

/// <summary>
/// A web server on 127.0.0.1 that misbehaves on purpose: redirect loops, slow-loris bodies and headers, 100 MB pages
/// and feeds, XML bombs and external entities in feeds, a gzip bomb, a reset connection. It counts hits, and the
/// slow-loris bytes it wrote. (What a client read of a huge body is measured on the client's side,
/// <see cref="SocketBytesReceived"/>: a server's own count includes the kernel's buffers and writes dropped after
/// the client closed.)
/// </summary>
public sealed class HostileWebServer : IAsyncDisposable
{
    public const long HugeBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan SlowFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, long> _hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    private LocalWebServer _web = null!;

    public Uri BaseUrl => _web.BaseUri;

    public int Port => BaseUrl.Port;

    /// <summary>Requests that reached <paramref name="path"/> (e.g. "/ssrf-hit": must stay 0).</summary>
    public long Hits(string path) => _hits.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Body bytes written for <paramref name="path"/> (the slow-loris one) before the client went away.</summary>
    public long BytesSent(string path) => _bytes.TryGetValue(path, out var n) ? n : 0;

    public static async Task<HostileWebServer> StartAsync()
    {
        var server = new HostileWebServer();
        server._web = await LocalWebServer.StartAsync(server.Map);
        return server;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/page", () => Results.Content(
            "<html><head><title>A quiet page</title></head><body><article><h1>A quiet page</h1><p>The hostile server also serves one ordinary article about lighthouses on rocky coasts.</p></article></body></html>",
            "text/html; charset=utf-8"));
        app.MapGet("/ssrf-hit", () => Results.Text("this must never be fetched"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/loop-a", () => Results.Redirect("/loop-b"));
        app.MapGet("/loop-b", () => Results.Redirect("/loop-a"));
        app.MapGet("/slow-body", SlowBodyAsync);
        app.MapGet("/slow-headers", async (HttpContext context) =>
        {
            await Task.Delay(SlowFor, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Content("<html><body><p>too late</p></body></html>", "text/html");
        });
        app.MapGet("/huge.html", (HttpContext context) => StreamAsync(context, "text/html", "<html><body>", "<p>lorem ipsum dolor sit amet, again and again and again.</p>\n"));
        app.MapGet("/huge-feed", (HttpContext context) => StreamAsync(context, "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Endless</title>",
            "<item><title>Again</title><link>http://127.0.0.1/x</link><description>more and more</description></item>\n"));
        app.MapGet("/laughs-feed", () => Results.Content(
            "<?xml version=\"1.0\"?>\n" + HostileFiles.Laughs + "\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><link>http://example.invalid/a</link><description>&lol9;</description></item></channel></rss>",
            "application/rss+xml"));
        app.MapGet("/xxe-feed", (HttpContext context) => Results.Content(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY net SYSTEM \"http://127.0.0.1:" + context.Connection.LocalPort + "/ssrf-hit\">]>\n"
            + "<rss version=\"2.0\"><channel><title>XXE</title><item><title>&xxe;</title><link>http://example.invalid/b</link><description>&xxe; &net;</description></item></channel></rss>",
            "application/rss+xml"));
        app.MapGet("/gzip-bomb", GzipBomb.WriteAsync);
        app.MapGet("/image.png", () => Results.Bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0], "image/png"));
        app.MapGet("/error-500", () => Results.StatusCode(500));
        app.MapGet("/reset", (HttpContext context) =>
        {
            context.Abort();
            return Results.Empty;
        });
    }

    public Uri Url(string path) => _web.Url(path);

    public ValueTask DisposeAsync() => _web.DisposeAsync();

    /// <summary>Headers at once, then one byte a second for two minutes (a slow-loris body).</summary>
    private async Task SlowBodyAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        var start = "<html><head><title>Slow</title></head><body><p>"u8.ToArray();
        try
        {
            await context.Response.Body.WriteAsync(start, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var until = DateTimeOffset.UtcNow + SlowFor;
            while (DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(1000, context.RequestAborted);
                await context.Response.Body.WriteAsync("a"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                _bytes.AddOrUpdate("/slow-body", 1, (_, n) => n + 1);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client gave up, as it should.
        }
    }

    /// <summary>Streams <see cref="HugeBytes"/> of repeated markup (no Content-Length), until the client goes away.</summary>
    private async Task StreamAsync(HttpContext context, string contentType, string head, string repeated)
    {
        context.Response.ContentType = contentType;
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeated, Math.Max(1, 64 * 1024 / repeated.Length))));
        try
        {
            var writer = context.Response.BodyWriter;
            var result = await writer.WriteAsync(Encoding.UTF8.GetBytes(head), context.RequestAborted);
            for (long sent = 0; sent < HugeBytes && !result.IsCompleted && !result.IsCanceled; sent += block.Length)
            {
                result = await writer.WriteAsync(block, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading at its cap.
        }
    }
}
