using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>Sentence vectors stored at ingest and read by the answer stage instead of encoding its sentences.</summary>
public sealed class StoredSentenceVectorTests
{
    private const string Question = "How much money did the Quokka Bridge Festival raise?";

    private const string Text =
        "The town of Wattle Creek held its first Quokka Bridge Festival on 3 March. The festival raised forty-two thousand " +
        "dollars for a new footbridge over the creek. Volunteers baked pies and sold them at the gate all day long. " +
        "A brass band from the next valley played until the evening. The mayor thanked the organisers in a short speech.";

    private static ArticleDraft Draft(string library = LibraryNames.Local) => new("test:festival", "Wattle Creek news", Text) { Library = library };

    private static async Task<IReadOnlyList<StoredChunk>> StoredChunksAsync(RetrievalTestHost host, long articleId)
    {
        var chunks = await host.Store.GetArticleChunksAsync(articleId, CancellationToken.None);
        return await host.Store.GetChunksWithSentenceVectorsAsync(chunks.Select(c => c.Id).ToList(), CancellationToken.None);
    }

    [Fact]
    public async Task Ingest_StoresEverySentencesVector_AsTheAnswerStageWouldEncodeIt()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var saved = await host.Pipeline.IngestDraftAsync(Draft(), CancellationToken.None);

        var query = FakeEmbeddingGenerator.Vector(Question);
        var stored = await StoredChunksAsync(host, saved.Article!.Id);
        Assert.NotEmpty(stored);
        foreach (var (chunk, vectors) in stored)
        {
            Assert.NotNull(vectors);
            Assert.Equal(chunk.Sentences.Count, vectors!.Count);
            foreach (var span in chunk.Sentences)
            {
                Assert.Equal(SentenceVectors.Int8Cosine(query, FakeEmbeddingGenerator.Vector(SentenceVectors.Input(chunk.Text, span))), vectors.Cosine(span, query));
            }
        }
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task Ask_WithStoredSentenceVectors_EncodesOnlyTheQuestion(bool stored, int encodes)
    {
        await using var host = await RetrievalTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Ingestion:SentenceVectors"] = stored ? "true" : "false" });
        await host.Pipeline.IngestDraftAsync(Draft(), CancellationToken.None);
        var before = host.Embeddings.TextsEmbedded;

        var answer = await host.Services.GetRequiredService<RetrievalService>().AskAsync(LibraryNames.Local, Question, null, CancellationToken.None);

        Assert.Equal(encodes, host.Embeddings.TextsEmbedded - before);
        Assert.Contains("forty-two thousand", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SameTextInAnotherLibrary_ReusesTheStoredSentenceVectors()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var first = await host.Pipeline.IngestDraftAsync(Draft(), CancellationToken.None);
        var before = host.Embeddings.TextsEmbedded;

        var second = await host.Pipeline.IngestDraftAsync(Draft("slack:T1"), CancellationToken.None);

        Assert.Equal(0, host.Embeddings.TextsEmbedded - before);
        Assert.Equal(
            (await StoredChunksAsync(host, first.Article!.Id)).Select(c => c.SentenceVectors!.Encoded.ToArray()),
            (await StoredChunksAsync(host, second.Article!.Id)).Select(c => c.SentenceVectors!.Encoded.ToArray()));
    }

    [Fact]
    public async Task RankAsync_StoredVectors_RankAsEncodingTheSentencesWould_WithoutEncoding()
    {
        var chunk = new Chunk(1, 1, 0, Text, 0, SentenceSplitter.Split(Text));
        var article = new Article(1, "test:festival", "Wattle Creek news", null, null, null, DateTimeOffset.UnixEpoch, "h", 1);
        var bare = new Passage(chunk, article, new SearchCandidate(1, 1, 0.9, 1, 1, 1, 0.6f));
        var draft = new ChatBot.Retrieval.Ingestion.Chunking.ChunkDraft(0, Text, 0, chunk.Sentences);
        var withVectors = bare with { SentenceVectors = SentenceVectors.Decode((await new SentenceVectorEncoder(new FakeEmbeddingGenerator()).EncodeAsync([draft], CancellationToken.None))[0], chunk.Sentences) };
        var weights = TermWeights.From(HybridSearcher.QueryTerms(Question), HybridSearcher.QueryTerms(Question).ToDictionary(t => t, _ => 2), 100);
        var options = Options.Create(new SearchOptions { DenseSentences = 3, CandidateSentences = 10 });
        var encoding = new FakeEmbeddingGenerator();
        var reading = new FakeEmbeddingGenerator();

        var encoded = await new ExtractiveAnswerer(options, encoding).RankAsync(Question, weights, [bare], FakeEmbeddingGenerator.Vector(Question), CancellationToken.None);
        var read = await new ExtractiveAnswerer(options, reading).RankAsync(Question, weights, [withVectors], FakeEmbeddingGenerator.Vector(Question), CancellationToken.None);

        Assert.Equal(3, encoding.TextsEmbedded);
        Assert.Equal(0, reading.TextsEmbedded);
        Assert.Equal(encoded.Select(c => (c.Text, c.Probability)), read.Select(c => (c.Text, c.Probability)));
    }
}
