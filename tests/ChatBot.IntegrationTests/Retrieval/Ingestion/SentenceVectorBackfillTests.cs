using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion;

public sealed class SentenceVectorBackfillTests
{
    private const string Text =
        "The town of Wattle Creek held its first Quokka Bridge Festival on 3 March. The festival raised forty-two thousand dollars. " +
        "Volunteers baked pies and sold them at the gate all day long.";

    [Fact]
    public async Task RunOnce_GivesChunksStoredWithoutSentenceVectorsTheVectorsIngestWouldHaveStored_Once()
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:SentenceVectors"] = "false" });
        var old = await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:old", "Old news", Text), CancellationToken.None);
        host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.SentenceVectors = true;
        var fresh = await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:fresh", "Old news", Text) { Library = "slack:T1" }, CancellationToken.None);
        var backfill = host.Services.GetRequiredService<SentenceVectorBackfill>();

        var first = await backfill.RunOnceAsync(CancellationToken.None);
        var second = await backfill.RunOnceAsync(CancellationToken.None);

        Assert.Equal(old.Article!.ChunkCount, first);
        Assert.Equal(0, second);
        Assert.Equal(await EncodedAsync(host, fresh.Article!.Id), await EncodedAsync(host, old.Article.Id));
    }

    [Fact]
    public async Task RunOnce_SentenceVectorsOff_DoesNothing()
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:SentenceVectors"] = "false" });
        var old = await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:old", "Old news", Text), CancellationToken.None);

        Assert.Equal(0, await host.Services.GetRequiredService<SentenceVectorBackfill>().RunOnceAsync(CancellationToken.None));
        Assert.All(await host.Store.GetChunksWithSentenceVectorsAsync(await ChunkIdsAsync(host, old.Article!.Id), CancellationToken.None), c => Assert.Null(c.SentenceVectors));
    }

    private static async Task<List<long>> ChunkIdsAsync(RetrievalTestHost host, long articleId) =>
        (await host.Store.GetArticleChunksAsync(articleId, CancellationToken.None)).Select(c => c.Id).ToList();

    private static async Task<List<string>> EncodedAsync(RetrievalTestHost host, long articleId) =>
        (await host.Store.GetChunksWithSentenceVectorsAsync(await ChunkIdsAsync(host, articleId), CancellationToken.None))
            .OrderBy(c => c.Chunk.Ordinal)
            .Select(c => Convert.ToHexString(c.SentenceVectors!.Encoded.Span))
            .ToList();
}
