using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class QaReportTests
{
    private static QaReport Report(double threshold) => new(400, 0, 0.84, 0.86, 0, 0.15, 0.028, 0, 0.87, threshold, [new QaSweepPoint(0.075, 0.028, 0, 0.28, 0.785, 0.84) { AbstainedAnswerableGoldShown = 0.016 }])
    {
        AnswerableGoldShown = 383,
        AbstainedAnswerableGoldShown = 0.016,
    };

    [Fact]
    public void ToString_ThresholdFromTheModel_IsPrintedUnrounded()
    {
        Assert.Contains("(Search:AbstainBelow 0.0725)", Report(0.0725).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_FairerAbstention_StandsBesideTheAnswerableOneInTheSummaryAndTheSweep()
    {
        var text = Report(0.0725).ToString();

        Assert.Contains("answerable 2.8 % (of the 383 whose shown passages hold the gold 1.6 %)", text, StringComparison.Ordinal);
        Assert.Contains("  0.075: 2.8 % (1.6 %) /", text, StringComparison.Ordinal);
    }
}
