using ChatBot.Core.Chat;

namespace ChatBot.Tests.Core.Chat;

public class ChatCommandParserTests
{
    [Theory]
    [InlineData("/ask Why is the sky blue?", ChatCommand.Ask, "Why is the sky blue?")]
    [InlineData("Why is the sky blue?", ChatCommand.Ask, "Why is the sky blue?")]
    [InlineData("/summarize 3 short", ChatCommand.Summarize, "3 short")]
    [InlineData("/SEARCH  open source ", ChatCommand.Search, "open source")]
    [InlineData("/articles", ChatCommand.Articles, "")]
    [InlineData("/help", ChatCommand.Help, "")]
    [InlineData("/frobnicate now", ChatCommand.Unknown, "/frobnicate")]
    [InlineData("", ChatCommand.Ask, "")]
    public void Parse_Line_GivesCommandAndArgument(string line, ChatCommand command, string argument)
    {
        Assert.Equal((command, argument), ChatCommandParser.Parse(line));
    }

    [Theory]
    [InlineData(ChatCommand.Add, true)]
    [InlineData(ChatCommand.Forget, true)]
    [InlineData(ChatCommand.Feeds, true)]
    [InlineData(ChatCommand.Schedule, true)]
    [InlineData(ChatCommand.Ask, false)]
    [InlineData(ChatCommand.Digest, false)]
    public void RequiresAdmin_ChangingCommands_AreAdminOnly(ChatCommand command, bool admin)
    {
        Assert.Equal(admin, ChatCommands.RequiresAdmin(command));
    }
}
