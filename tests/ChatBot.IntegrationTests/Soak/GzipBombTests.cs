using System.IO.Compression;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval;
using ChatBot.Soak;

namespace ChatBot.IntegrationTests.Soak;

/// <summary>The hostile server's gzip bomb is a real one (small compressed, huge expanded), and the bot cuts it by the expanded bytes.</summary>
public sealed class GzipBombTests
{
    [Fact]
    public async Task GzipBomb_ExpandsToAPageOfSpaces_AThousandTimesItsCompressedSize()
    {
        await using var web = await HostileWebServer.StartAsync();
        using var client = new HttpClient(); // no automatic decompression: the bytes as sent
        await using var body = await client.GetStreamAsync(new Uri(web.BaseUrl, "/gzip-bomb"));
        await using var gzip = new GZipStream(body, CompressionMode.Decompress);

        var expanded = new byte[8 * 1024 * 1024];
        await gzip.ReadExactlyAsync(expanded);

        Assert.StartsWith("<!DOCTYPE html><html><body><p>", Encoding.ASCII.GetString(expanded, 0, 64), StringComparison.Ordinal);
        Assert.True(expanded.AsSpan(30).IndexOfAnyExcept((byte)' ') < 0, "all spaces after the page's start");
        Assert.True(GzipBomb.CompressedBytes < GzipBomb.ExpandedBytes / 900, $"{GzipBomb.CompressedBytes:N0} compressed bytes for {GzipBomb.ExpandedBytes:N0}");
        Assert.True(GzipBomb.ExpandedBytes >= 10L << 30);
    }

    [Fact]
    public async Task Ingest_GzipBomb_IsCutAtTheLimitOnExpandedBytes()
    {
        await using var web = await HostileWebServer.StartAsync();
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:MaxBytes"] = "4194304" });

        var result = Assert.Single(await host.Pipeline.IngestAsync("local", new Uri(web.BaseUrl, "/gzip-bomb").AbsoluteUri, CancellationToken.None));

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Contains("larger than the 4,194,304-byte limit (Ingestion:MaxBytes)", result.Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await host.CountRowsAsync());
    }
}
