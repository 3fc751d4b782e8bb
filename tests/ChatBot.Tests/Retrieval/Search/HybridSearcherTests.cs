using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval.Search;

public sealed class HybridSearcherTests
{
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
}
