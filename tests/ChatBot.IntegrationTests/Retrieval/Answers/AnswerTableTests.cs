using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using static ChatBot.IntegrationTests.Retrieval.Answers.AnswerTableFixture;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>
/// Each row of issue 14's table, asked through the one answer path (<c>RetrievalService.AskAsync</c>, which ask,
/// eval qa, Discord, Slack and the console all use) with the real MiniLM model.
/// </summary>
public sealed class AnswerTableTests(AnswerTableFixture fixture) : IClassFixture<AnswerTableFixture>
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ask_WhatDidLeCunPraise_QuotesThePraiseFirst()
    {
        var answer = await fixture.AskAsync("What did LeCun praise?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("praised China’s DeepSeek R1 model", First(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ThreadFollowUpWhyDoesHeThinkThatMatters_AnswersFromTheSamePassage()
    {
        var first = await fixture.AskAsync("What did LeCun praise?");
        var history = new List<ConversationTurn>
        {
            new(ConversationRole.User, "What did LeCun praise?", At),
            new(ConversationRole.Bot, first.Text, At),
        };

        var answer = await fixture.Retrieval.AskAsync("local", "Why does he think that matters?", history, CancellationToken.None);

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("open-source", string.Join(' ', answer.Sentences ?? []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HowMuchMoneyDidTheFestivalRaise_QuotesTheWrappedSentenceWithTheSumInBold()
    {
        var answer = await fixture.AskAsync("How much money did the Quokka Bridge Festival raise?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Equal("The festival raised forty-two thousand dollars for a new footbridge, the organisers said on Monday.", First(answer));
        Assert.Contains("**forty-two thousand dollars**", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WhatShouldSiliconValleyCirclesDo_QuotesTheConclusionWithWhatTheyNeedToDoInBold()
    {
        var answer = await fixture.AskAsync("What should Silicon Valley circles do?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.StartsWith("Silicon Valley circles need to reflect, abandon their false sense of superiority", First(answer), StringComparison.Ordinal);
        Assert.Contains("**need to reflect, abandon their false sense of superiority", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Who is Meta's chief scientist?", "LeCun")]
    [InlineData("What did LeCun say about open source?", "open")]
    public async Task Ask_QuestionsAboutTheSeed_NeverQuoteTheTitleOrAFragment(string question, string expected)
    {
        var answer = await fixture.AskAsync(question);

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains(expected, First(answer), StringComparison.Ordinal);
        Assert.All(answer.Sentences!, s =>
        {
            Assert.DoesNotContain("Criticizes Silicon Valley’s Sense of Superiority", s, StringComparison.Ordinal);
            Assert.True(char.IsUpper(s[0]), $"starts mid-sentence: {s}");
            Assert.True(s.Split(' ').Length >= 4, $"a fragment: {s}");
            Assert.False(s.EndsWith(".\"”", StringComparison.Ordinal) || s.EndsWith(".”\"", StringComparison.Ordinal), $"dangling quote: {s}");
        });
    }

    [Fact]
    public async Task Ask_HowManyGpusDidDeepSeekUse_Abstains()
    {
        var answer = await fixture.AskAsync("How many GPUs did DeepSeek use to train R1?");

        Assert.True(answer.Abstained, answer.Text);
        Assert.StartsWith(ExtractiveAnswerer.NotFound, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ChatNoiseAroundTheQuestion_IsStrippedBeforeRetrieval()
    {
        var answer = await fixture.AskAsync("<!channel> @everyone <script> what about open source?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("open", First(answer), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_MayorOfATownThatIsNotIndexed_AbstainsInsteadOfQuotingItsNeighbours()
    {
        var answer = await fixture.AskAsync("Who was the mayor of Zorblax40 in 1900?");

        Assert.True(answer.Abstained, answer.Text);
    }

    [Fact]
    public async Task Ask_MayorOfAnIndexedTown_NamesThatTownsMayorInBold()
    {
        var answer = await fixture.AskAsync("Who was the mayor of Zorblax05 in 1900?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("Piet Aarons", First(answer), StringComparison.Ordinal);
        Assert.Contains("**Piet Aarons**", answer.Text, StringComparison.Ordinal);
    }
}
