using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class ContextWeightRuleTests
{
    [Fact]
    public void Choose_HighestFirstSentence_ThenContainsGold_ThenTheSmallerWeight()
    {
        var grid = new List<(double Weight, QaFollowUpFigures Figures)>
        {
            (0.5, new QaFollowUpFigures(100, 0.55, 0.70, 0.05)),
            (0.1, new QaFollowUpFigures(100, 0.55, 0.70, 0.02)),
            (0.25, new QaFollowUpFigures(100, 0.55, 0.72, 0.05)),
            (1.0, new QaFollowUpFigures(100, 0.50, 0.80, 0.01)),
        };

        Assert.Equal(0.25, ContextWeightRule.Choose(grid));
        Assert.Equal(0.1, ContextWeightRule.Choose(grid.Where(g => g.Weight != 0.25).ToList()));
    }

    [Fact]
    public void Choose_NoFollowUps_KeepsTheShippedWeight()
    {
        Assert.Equal(FollowUpCondenser.ContextWeight, ContextWeightRule.Choose([]));
        Assert.Equal(FollowUpCondenser.ContextWeight, ContextWeightRule.Choose([(0.5, new QaFollowUpFigures(0, 0, 0, 0))]));
    }

    [Theory]
    [InlineData("0,0.1,0.25", new[] { 0, 0.1, 0.25 })]
    [InlineData(" 1 , 0.5 ", new[] { 1, 0.5 })]
    public void Parse_CommaSeparatedWeights(string text, double[] expected)
    {
        Assert.Equal(expected, ContextWeightRule.Parse(text));
    }

    [Theory]
    [InlineData("0,abc")]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    public void Parse_NotAWeightBetweenZeroAndOne_IsAClearError(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ContextWeightRule.Parse(text));

        Assert.Contains("--context-weights", error.Message, StringComparison.Ordinal);
    }
}
