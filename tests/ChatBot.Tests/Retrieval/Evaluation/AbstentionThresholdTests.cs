using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class AbstentionThresholdTests
{
    [Fact]
    public void Choose_TakesTheLargestThreshold_WithinTheGoalMinusTheMargin()
    {
        // 200 questions: 2 % allowed = 4 abstentions. The 5th lowest confidence is 0.30, so 0.30 itself still abstains on 4.
        var confidences = new List<double> { 0.05, 0.10, 0.20, 0.25, 0.30 };
        confidences.AddRange(Enumerable.Repeat(0.9, 195));

        var threshold = AbstentionThreshold.Choose(confidences, alwaysAbstained: 0, questions: 200);

        Assert.Equal(0.30, threshold, 6);
        Assert.Equal(0.02, AbstentionThreshold.Goal - AbstentionThreshold.Margin, 6);
    }

    [Fact]
    public void Choose_CountsQuestionsThatAlwaysAbstain()
    {
        // 1 always abstains (no candidate, unknown name): of 100 questions 2 may abstain, so only 1 more below the threshold.
        var confidences = new List<double> { 0.05, 0.10, 0.20 };
        confidences.AddRange(Enumerable.Repeat(0.9, 95));

        var threshold = AbstentionThreshold.Choose(confidences, alwaysAbstained: 1, questions: 100);

        Assert.Equal(0.10, threshold, 6);
    }

    [Fact]
    public void Choose_ReturnsZero_WhenTooManyAbstainAlready()
    {
        Assert.Equal(0, AbstentionThreshold.Choose([0.9, 0.9], alwaysAbstained: 5, questions: 100));
    }
}
