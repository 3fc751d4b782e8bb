using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Relevance = new() { ["a"] = 2, ["b"] = 1, ["z"] = 1 };

    [Fact]
    public void RecallAt_TwoOfThreeRelevantInTopFive_IsTwoThirds() =>
        Assert.Equal(2.0 / 3, RankingMetrics.RecallAt(["x", "a", "y", "b", "w"], Relevance, 5), 6);

    [Fact]
    public void ReciprocalRankAt_FirstRelevantSecond_IsHalf() =>
        Assert.Equal(0.5, RankingMetrics.ReciprocalRankAt(["x", "a", "b"], Relevance, 10), 6);

    [Fact]
    public void ReciprocalRankAt_RelevantBeyondK_IsZero() =>
        Assert.Equal(0, RankingMetrics.ReciprocalRankAt(["x", "y", "a"], Relevance, 2));

    [Fact]
    public void NdcgAt_GradedGains_MatchesHandComputation()
    {
        // DCG = 1/log2(2) [b] + 2/log2(3) [a] = 1 + 1.26186 = 2.26186; IDCG = 2 + 1/log2(3) + 1/log2(4) = 2 + 0.63093 + 0.5 = 3.13093
        Assert.Equal(2.26186 / 3.13093, RankingMetrics.NdcgAt(["b", "a", "x"], Relevance, 10), 4);
    }
}
