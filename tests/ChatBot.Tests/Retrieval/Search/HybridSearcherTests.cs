using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.Tests.Retrieval.Search;

public sealed class HybridSearcherTests
{
    private static readonly float[] QueryVector = [1f, 0f];

    [Fact]
    public void FuseScores_StrongBm25MarginBeatsSlightlyBetterCosine()
    {
        // chunk 1: best BM25 by far, cosine 0.50; chunk 2: weak BM25, cosine 0.55; chunk 3: dense only, cosine 0.30.
        var candidates = new[]
        {
            new SearchCandidate(2, 1, 0, 2, 1, 1.0, 0.55f),
            new SearchCandidate(1, 1, 0, 1, 2, 9.0, 0.50f),
            new SearchCandidate(3, 2, 0, null, 3, 0, 0.30f),
        };

        var fused = HybridSearcher.FuseScores(candidates, 0.5);

        // 1: 0.5·1 + 0.5·(0.20/0.25) = 0.9; 2: 0.5·0 + 0.5·1 = 0.5; 3: 0 + 0 = 0
        Assert.Equal([1L, 2L, 3L], fused.Select(c => c.ChunkId));
        Assert.Equal(0.9, fused[0].FusedScore, 6);
        Assert.Equal(0.5, fused[1].FusedScore, 6);
    }

    [Fact]
    public void QueryTerms_DropsStopWordsAndDuplicates() =>
        Assert.Equal(["penguins", "live"], HybridSearcher.QueryTerms("Where do the penguins live, penguins?"));

    [Fact]
    public async Task SearchAsync_Bm25AfterTheEmbedding_StartsItAfterTheEmbeddingWithTheSameCandidates()
    {
        // Chunks 1-3 in the vector index; BM25 finds 3 and 4 (4 has no vector); the query vector is chunk 1's.
        using var index = new VectorIndex(2);
        index.Add(1, 10, "local", [1f, 0f]);
        index.Add(2, 10, "local", [0.8f, 0.6f]);
        index.Add(3, 11, "local", [0.6f, 0.8f]);
        var events = new List<string>();
        var store = new Mock<IArticleStore>();
        store.Setup(s => s.SearchLexicalAsync("local", It.IsAny<IReadOnlyList<string>>(), 50, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                lock (events)
                {
                    events.Add("bm25");
                }

                return Task.FromResult<IReadOnlyList<LexicalHit>>([new LexicalHit(3, 11, 7.0), new LexicalHit(4, 12, 2.0)]);
            });
        var embeddings = new Mock<IEmbeddingGenerator<string, Embedding<float>>>();
        embeddings.Setup(e => e.GenerateAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<EmbeddingGenerationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await Task.Delay(50);
                lock (events)
                {
                    events.Add("embedding");
                }

                return new GeneratedEmbeddings<Embedding<float>>([new Embedding<float>(QueryVector)]);
            });

        async Task<IReadOnlyList<SearchCandidate>> SearchAsync(bool beside)
        {
            events.Clear();
            var searcher = new HybridSearcher(store.Object, index, embeddings.Object, Options.Create(new SearchOptions { LexicalBesideEmbedding = beside }));
            return (await searcher.SearchAsync("local", "penguins live", SearchMode.Hybrid, default)).Candidates;
        }

        var beside = await SearchAsync(beside: true);
        var after = await SearchAsync(beside: false);

        Assert.Equal(["embedding", "bm25"], events);
        Assert.Equal(beside, after);
        Assert.Equal([3L, 1L, 2L, 4L], after.Select(c => c.ChunkId)); // 3: 0.5 + 0.5 · 0.6 beats 1: 0.5 · 1
        Assert.Equal(1f, after.Single(c => c.ChunkId == 1).DenseSimilarity, 5);
    }
}
