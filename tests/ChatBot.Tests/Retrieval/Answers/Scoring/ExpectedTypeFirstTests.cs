using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class ExpectedTypeFirstTests
{
    private static double[] Row(AnswerKind kind, bool fits)
    {
        var row = new double[RankingFeatures.Count];
        row[RankingFeatures.IndexOf("answer_kind")] = (int)kind / 10.0;
        row[RankingFeatures.IndexOf("type_fits")] = fits ? 1 : 0;
        return row;
    }

    [Theory]
    [InlineData(AnswerKind.Quantity, true)] // "how much did it cost": money
    [InlineData(AnswerKind.Advice, false)]   // "how do i stop …": a remedy
    public void Pick_BestLacksTheTypeTheSecondHasIt_TheSecondGoesFirst(AnswerKind kind, bool asksForAUnit)
    {
        Assert.Equal(1, ExpectedTypeFirst.Pick([Row(kind, fits: false), Row(kind, fits: true), Row(kind, fits: false)], asksForAUnit));
    }

    [Fact]
    public void Pick_BestFitsOrTheFitIsFurtherDownOrNoUnitAsked_TheBestStays()
    {
        Assert.Equal(0, ExpectedTypeFirst.Pick([Row(AnswerKind.Quantity, true), Row(AnswerKind.Quantity, true)], asksForAUnit: true));
        Assert.Equal(0, ExpectedTypeFirst.Pick([Row(AnswerKind.Quantity, false), Row(AnswerKind.Quantity, false), Row(AnswerKind.Quantity, true)], asksForAUnit: true));
        Assert.Equal(0, ExpectedTypeFirst.Pick([Row(AnswerKind.Quantity, false), Row(AnswerKind.Quantity, true)], asksForAUnit: false)); // "how many homes"
        Assert.Equal(0, ExpectedTypeFirst.Pick([Row(AnswerKind.Person, false), Row(AnswerKind.Person, true)], asksForAUnit: false));
        Assert.Equal(0, ExpectedTypeFirst.Pick([Row(AnswerKind.Advice, false)], asksForAUnit: false));
    }

    [Fact]
    public void AsksForAUnit_CostDepthDurationWeight_NotACount()
    {
        Assert.True(AnswerType.AsksForAUnit(new HashSet<string>(["much", "solar", "farm", "cost"])));
        Assert.True(AnswerType.AsksForAUnit(new HashSet<string>(["deep", "plant", "garlic"])));
        Assert.False(AnswerType.AsksForAUnit(new HashSet<string>(["many", "home", "power"])));
    }
}
