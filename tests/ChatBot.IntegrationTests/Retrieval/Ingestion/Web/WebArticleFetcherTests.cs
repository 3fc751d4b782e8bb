using System.Net;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion.Web;

public sealed class WebArticleFetcherTests : IAsyncLifetime
{
    public const string Page = """
        <!doctype html><html><head><title>Tidal Power Explained</title>
        <meta name="author" content="Ada Lovelace"><link rel="canonical" href="/articles/tidal">
        </head><body><nav>Home | About</nav><article><h1>Tidal Power Explained</h1>
        <p>Tidal power stations turn the rise and fall of the sea into electricity, and unlike wind the tides are predictable years ahead.</p>
        <p>The largest station, at Sihwa Lake in South Korea, produces 254 megawatts from a barrage across a former sea inlet.</p>
        <p>Engineers like tidal barrages because the output can be scheduled, although the basins they create change the local ecology, silt patterns and fisheries.</p>
        <p>Newer designs avoid barrages altogether and place turbines directly in fast tidal streams, much like underwater windmills anchored to the sea bed.</p>
        </article><footer>Copyright</footer></body></html>
        """;

    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LocalWebServer _server = null!;
    private int _conditionalHits;

    public async Task InitializeAsync()
    {
        _server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/page", () => Results.Content(Page, "text/html; charset=utf-8"));
            app.MapGet("/etag", (HttpContext context) =>
            {
                if (context.Request.Headers.IfNoneMatch.ToString() == "\"v1\"")
                {
                    Interlocked.Increment(ref _conditionalHits);
                    return Results.StatusCode(304);
                }

                context.Response.Headers.ETag = "\"v1\"";
                return Results.Content(Page, "text/html");
            });
            app.MapGet("/plain", () => Results.Text("Plain Title\n\nA plain text article about tides and the moon.", "text/plain"));
            app.MapGet("/redirect/{n:int}", (int n) => n <= 0 ? Results.Redirect("/page") : Results.Redirect($"/redirect/{n - 1}"));
            app.MapGet("/loop", () => Results.Redirect("/loop"));
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                await _never.Task.WaitAsync(ct);
                return Results.Ok();
            });
            app.MapGet("/huge", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/html";
                var block = new byte[64 * 1024];
                Array.Fill(block, (byte)'a');
                for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(block, context.RequestAborted);
                }
            });
            app.MapGet("/image", () => Results.Bytes([0x89, 0x50, 0x4e, 0x47], "image/png"));
            app.MapGet("/to/{host}", (string host) => Results.Redirect($"http://{host}/page"));
        });
    }

    public async Task DisposeAsync()
    {
        _never.TrySetResult();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task FetchAsync_HtmlPage_ExtractsTitleAuthorCanonicalAndText()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var fetcher = host.Services.GetRequiredService<IWebArticleFetcher>();

        var draft = await fetcher.FetchAsync(_server.Url("page"), CancellationToken.None);

        Assert.Equal("Tidal Power Explained", draft.Title);
        Assert.Equal("Ada Lovelace", draft.Author);
        Assert.Contains("Sihwa Lake", draft.Text);
        Assert.DoesNotContain("Copyright", draft.Text);
        Assert.StartsWith(_server.BaseUri.AbsoluteUri, draft.Source);
    }

    [Fact]
    public async Task FetchAsync_PlainText_IsAccepted()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var draft = await host.Services.GetRequiredService<IWebArticleFetcher>().FetchAsync(_server.Url("plain"), CancellationToken.None);

        Assert.Equal("Plain Title", draft.Title);
        Assert.Contains("tides and the moon", draft.Text);
    }

    [Fact]
    public async Task IngestAsync_SecondTimeWithETag_GetsNotModifiedAndIsUnchanged()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var first = await host.Pipeline.IngestAsync("local", _server.Url("etag").AbsoluteUri, CancellationToken.None);
        var embedded = host.Embeddings.TextsEmbedded;

        var second = await host.Pipeline.IngestAsync("local", _server.Url("etag").AbsoluteUri, CancellationToken.None);

        Assert.Equal(IngestOutcome.Added, first[0].Outcome);
        Assert.Equal(IngestOutcome.Unchanged, second[0].Outcome);
        Assert.Equal(1, _conditionalHits);
        Assert.Equal(embedded, host.Embeddings.TextsEmbedded);
    }

    [Fact]
    public async Task FetchAsync_FiveRedirects_AreFollowed()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var draft = await host.Services.GetRequiredService<IWebArticleFetcher>().FetchAsync(_server.Url("redirect/4"), CancellationToken.None);

        Assert.Equal("Tidal Power Explained", draft.Title);
    }

    [Theory]
    [InlineData("redirect/5", "redirects more than 5")]
    [InlineData("loop", "redirects more than 5")]
    [InlineData("missing", "HTTP 404")]
    [InlineData("huge", "Ingestion:MaxBytes")]
    [InlineData("image", "image/png")]
    public async Task FetchAsync_BadResponse_FailsWithReason(string path, string reason)
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:MaxBytes"] = "1048576" });

        var ex = await Assert.ThrowsAsync<IngestionException>(() => host.Services.GetRequiredService<IWebArticleFetcher>().FetchAsync(_server.Url(path), CancellationToken.None));

        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public async Task FetchAsync_ServerNeverAnswers_TimesOut()
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:TimeoutSeconds"] = "1" });

        var ex = await Assert.ThrowsAsync<IngestionException>(() => host.Services.GetRequiredService<IWebArticleFetcher>().FetchAsync(_server.Url("slow"), CancellationToken.None));

        Assert.Contains("Ingestion:TimeoutSeconds", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/page")]
    [InlineData("http://10.1.2.3/page")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/page")]
    [InlineData("http://localhost:9/page")]
    public async Task FetchAsync_PrivateAddressWithGuardOn_IsRefused(string url)
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:AllowPrivateNetworks"] = "false" });

        var ex = await Assert.ThrowsAsync<IngestionException>(() => host.Services.GetRequiredService<IWebArticleFetcher>().FetchAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("Refused", ex.Message);
    }

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    public async Task FetchAsync_RedirectToPrivateAddress_IsRefused(string target)
    {
        // The guard is on, except for 127.0.0.1 where the test server listens: the first hop is allowed, the redirect is not.
        await using var host = await RetrievalTestHost.CreateAsync(
            settings: new Dictionary<string, string?> { ["Ingestion:AllowPrivateNetworks"] = "false" },
            isBlocked: address => !address.Equals(IPAddress.Loopback) && NetworkAddressGuard.IsBlocked(address));
        var fetcher = host.Services.GetRequiredService<IWebArticleFetcher>();
        var allowed = await fetcher.FetchAsync(_server.Url("page"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<IngestionException>(() => fetcher.FetchAsync(_server.Url("to/" + target), CancellationToken.None));

        Assert.Equal("Tidal Power Explained", allowed.Title);
        Assert.Contains("Refused", ex.Message);
    }
}
