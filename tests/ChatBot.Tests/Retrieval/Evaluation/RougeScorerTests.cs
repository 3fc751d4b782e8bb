using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class RougeScorerTests
{
    [Fact]
    public void Score_HandComputedExample()
    {
        // candidate: the cat sat on the mat (6); reference: the cat is on the mat (6)
        // unigram overlap 5 → R1 = 5/6; bigrams overlap {the cat, on the, the mat} = 3 of 5 → R2 = 0.6; LCS = the cat on the mat = 5 → RL = 5/6
        var (r1, r2, rl) = RougeScorer.Score("The cat sat on the mat.", "the cat is on the mat");

        Assert.Equal(5.0 / 6, r1, 6);
        Assert.Equal(0.6, r2, 6);
        Assert.Equal(5.0 / 6, rl, 6);
    }

    [Fact]
    public void BestOf_TakesEachMetricsMaximumOverReferences()
    {
        var (r1, _, _) = RougeScorer.BestOf("a b c", ["x y z", "a b c"]);

        Assert.Equal(1.0, r1, 6);
    }

    [Fact]
    public void Tokenize_NoStemmingAndNonAlphanumericsSplit() =>
        Assert.Equal(["running", "state", "of", "the", "art", "3d"], RougeScorer.Tokenize("Running state-of-the-art 3D!"));
}
