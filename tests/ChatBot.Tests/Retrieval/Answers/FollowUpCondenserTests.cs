using ChatBot.Core.Chat;
using ChatBot.Retrieval.Answers;

namespace ChatBot.Tests.Retrieval.Answers;

public sealed class FollowUpCondenserTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<ConversationTurn> Thread(string question, string answer) =>
    [
        new(ConversationRole.User, question, At),
        new(ConversationRole.Bot, answer, At.AddSeconds(1)),
    ];

    [Fact]
    public void Condense_PronounFollowUp_CarriesTheAnswersNamesNotThePreviousQuestion()
    {
        var history = Thread("What did LeCun praise?", "“Recently, LeCun praised China’s **DeepSeek R1** model, stating that …” [1]");

        var query = FollowUpCondenser.Condense("Why does he think that matters?", history);

        Assert.Equal("China’s DeepSeek R1 Why does he think that matters?", query);
    }

    [Fact]
    public void Condense_StandaloneQuestionInAThread_IsLeftAlone()
    {
        var history = Thread("What did LeCun praise?", "“LeCun praised DeepSeek.” [1]");

        Assert.Equal("How much money did the Quokka Bridge Festival raise?", FollowUpCondenser.Condense("How much money did the Quokka Bridge Festival raise?", history));
    }

    [Fact]
    public void Condense_NoHistory_IsTheQuestion()
    {
        Assert.Equal("When did she do it?", FollowUpCondenser.Condense("When did she do it?", null));
    }

    [Fact]
    public void Condense_PreviousAnswerAbstained_IsTheQuestion()
    {
        var history = Thread("Who opened the festival?", "I could not find that in the indexed articles. The closest articles are listed below.");

        Assert.Equal("When did she do it?", FollowUpCondenser.Condense("When did she do it?", history));
    }

    [Fact]
    public void Split_FactFollowUp_ScoredForTheTopicWithoutThePreviousSentencesWordsAndItsOwnWords()
    {
        var history = Thread("who is the mayor", "“\"This is the moment,\" said mayor Ingrid Solberg at the opening ceremony.” [1]");

        var condensed = FollowUpCondenser.Split("when did she open it", history);

        Assert.Equal("Ingrid Solberg when did she open it", condensed.Query);
        Assert.True(condensed.AsksForAFact);
        Assert.Equal("Harbour city Europe's largest floating solar farm when did she open it", condensed.Scored("Harbour city opens Europe's largest floating solar farm"));
    }

    [Fact]
    public void Split_OpenFollowUp_DoesNotAskForAFact()
    {
        var history = Thread("What did LeCun praise?", "“LeCun praised DeepSeek.” [1]");

        Assert.False(FollowUpCondenser.Split("Why does he think that matters?", history).AsksForAFact);
    }

    [Fact]
    public void Weigh_TopicWordsCountTheContextShareOfTheirIdf_TheFollowUpsOwnWordsCountFully()
    {
        var history = Thread("who is the mayor", "“\"This is the moment,\" said mayor Ingrid Solberg at the opening ceremony.” [1]");
        var condensed = FollowUpCondenser.Split("when did she open it", history);
        var weights = new TermWeights(new Dictionary<string, double> { ["solar"] = 2.0, ["farm"] = 1.0, ["open"] = 3.0 }, new HashSet<string> { "zzz" });

        var weighed = condensed.Weigh(weights, 0.5);

        Assert.Equal(1.0, weighed.ByStem["solar"], 6);
        Assert.Equal(0.5, weighed.ByStem["farm"], 6);
        Assert.Equal(3.0, weighed.ByStem["open"], 6);
        Assert.Equal(["zzz"], weighed.Unseen);
    }
}
