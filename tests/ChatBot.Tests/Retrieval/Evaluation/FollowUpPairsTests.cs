using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class FollowUpPairsTests
{
    private static EvalQuestion Q(string question, string article) => new("id", question, ["a"], null, article);

    [Theory]
    [InlineData("When did the 1973 oil crisis begin?", "When did it begin?")]
    [InlineData("What caused changes in the 1973 Oil Crisis's prices?", "What caused changes in its prices?")]
    public void FollowUp_QuestionNamingTheSubject_ReplacesItByAPronoun(string question, string expected)
    {
        Assert.Equal(expected, FollowUpPairs.FollowUp(Q("Why?", "1973_oil_crisis"), Q(question, "1973_oil_crisis")));
    }

    [Fact]
    public void FollowUp_PreviousQuestionAboutAnotherArticle_IsNoPair() =>
        Assert.Null(FollowUpPairs.FollowUp(Q("Why?", "Amazon_rainforest"), Q("When did the 1973 oil crisis begin?", "1973_oil_crisis")));

    [Fact]
    public void FollowUp_QuestionNotNamingTheSubject_IsNoPair() =>
        Assert.Null(FollowUpPairs.FollowUp(Q("Why?", "1973_oil_crisis"), Q("What was the price in 1974?", "1973_oil_crisis")));
}
