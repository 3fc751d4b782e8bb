using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class ConfidenceAucTests
{
    [Fact]
    public void Compute_PerfectSeparation_IsOne() => Assert.Equal(1.0, ConfidenceAuc.Compute([0.9, 0.8], [0.1, 0.2, 0.3]), 6);

    [Fact]
    public void Compute_Reversed_IsZero() => Assert.Equal(0.0, ConfidenceAuc.Compute([0.1], [0.5, 0.9]), 6);

    [Fact]
    public void Compute_TiesAndOverlap_CountHalf()
    {
        // pairs (p, n): (0.5,0.5) tie = 0.5, (0.5,0.2) = 1, (0.9,0.5) = 1, (0.9,0.2) = 1 → 3.5 / 4
        Assert.Equal(0.875, ConfidenceAuc.Compute([0.5, 0.9], [0.5, 0.2]), 6);
    }

    [Fact]
    public void Compute_NoNegatives_IsNaN() => Assert.True(double.IsNaN(ConfidenceAuc.Compute([0.5], [])));
}
