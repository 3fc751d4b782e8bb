using ChatBot.Core.Chat;
using ChatBot.Retrieval.Answers.Llm;

namespace ChatBot.Tests.Retrieval.Answers.Llm;

public sealed class QuestionCondenserTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void FormatHistory_Turns_LabelledOldestFirstWithoutTheFollowUpItself()
    {
        ConversationTurn[] history =
        [
            new(ConversationRole.User, "Who is LeCun?", At),
            new(ConversationRole.Bot, "Meta's chief\nAI scientist [1].", At),
            new(ConversationRole.User, "What did he say?", At),
        ];

        var text = QuestionCondenser.FormatHistory(history, "What did he say?");

        Assert.Equal("User: Who is LeCun?\nBot: Meta's chief AI scientist [1].", text);
    }

    [Fact]
    public void FormatHistory_LongThread_KeepsTheLastTurns()
    {
        var history = Enumerable.Range(1, 20).Select(i => new ConversationTurn(i % 2 == 1 ? ConversationRole.User : ConversationRole.Bot, "turn " + i, At)).ToList();

        var lines = QuestionCondenser.FormatHistory(history, "next?").Split('\n');

        Assert.Equal(QuestionCondenser.MaxTurns, lines.Length);
        Assert.Equal("Bot: turn 20", lines[^1]);
    }

    [Fact]
    public void FormatHistory_OnlyTheQuestion_IsEmpty()
    {
        var text = QuestionCondenser.FormatHistory([new ConversationTurn(ConversationRole.User, "Why?", At)], "Why?");

        Assert.Empty(text);
    }
}
