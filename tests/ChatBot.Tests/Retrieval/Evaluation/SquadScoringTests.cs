using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class SquadScoringTests
{
    [Fact]
    public void Normalize_PunctuationArticlesAndCase_AreRemoved() =>
        Assert.Equal("eiffel tower in paris", SquadScoring.Normalize("The  Eiffel Tower, in Paris!"));

    [Fact]
    public void ExactMatch_AnyGoldAfterNormalisation_IsOne() =>
        Assert.Equal(1, SquadScoring.ExactMatch("the Denver Broncos", ["Broncos", "Denver Broncos"]));

    [Fact]
    public void F1_PartialOverlap_MatchesHandComputation()
    {
        // prediction "denver broncos won" vs gold "denver broncos": precision 2/3, recall 1 → F1 0.8
        Assert.Equal(0.8, SquadScoring.F1("Denver Broncos won", ["Denver Broncos"]), 6);
    }

    [Fact]
    public void ContainsGold_WholeWordsOnly()
    {
        Assert.True(SquadScoring.ContainsGold("It began in October 1973.", ["October 1973"]));
        Assert.False(SquadScoring.ContainsGold("In 19734 nothing happened.", ["1973"]));
    }
}
