using System.Text.Json;
using ChatBot.Core.Chat;
using ChatBot.Discord;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.MessageActions;

namespace ChatBot.Tests.Discord.Interactions;

public sealed class DiscordCommandSetTests
{
    private static DiscordInteraction Parse(string json) => DiscordInteraction.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void ToCommand_ScheduleSetSubcommand_BuildsQuotedCronArgument()
    {
        var interaction = Parse("""
            {"id":"1","token":"t","type":2,"member":{"user":{"id":"5"},"permissions":"32"},
             "data":{"name":"schedule","options":[{"name":"set","type":1,"options":[
               {"name":"cron","type":3,"value":"0 8 * * *"},{"name":"timezone","type":3,"value":"Europe/Paris"}]}]}}
            """);

        var (command, argument) = DiscordCommandSet.ToCommand(interaction);

        Assert.Equal(ChatCommand.Schedule, command);
        Assert.Equal("set \"0 8 * * *\" Europe/Paris", argument);
        Assert.True(interaction.IsAdmin);
    }

    [Fact]
    public void Parse_DirectMessage_IsNeverAdmin()
    {
        var interaction = Parse("""{"id":"1","token":"t","type":2,"user":{"id":"9"},"data":{"name":"help"}}""");

        Assert.Equal("9", interaction.UserId);
        Assert.False(interaction.IsAdmin);
    }

    [Fact]
    public void Build_CoversEveryCommandWithValidNames()
    {
        var commands = DiscordCommandSet.Build();
        var names = commands.Where(c => c!["type"]!.GetValue<int>() == 1).Select(c => c!["name"]!.GetValue<string>()).ToList();
        var messageCommands = commands.Where(c => c!["type"]!.GetValue<int>() == 3).Select(c => c!["name"]!.GetValue<string>()).ToList();

        Assert.Equal(["ask", "summarize", "search", "digest", "add", "feeds", "schedule", "articles", "forget", "autosummary", "stats", "library", "help"], names);
        Assert.All(names, n => Assert.True(ChatCommands.TryParseName(n, out _)));
        Assert.Equal([DiscordMessageActions.SummarizeName, DiscordMessageActions.AskName], messageCommands);
        Assert.All(commands.Where(c => c!["type"]!.GetValue<int>() == 3), c => Assert.Null(c!["description"]));
    }

    [Fact]
    public void ToCommand_MessageCommand_TakesTheTargetMessagesTextAndEmbedLinks()
    {
        var interaction = Parse("""
            {"id":"1","token":"t","type":2,"user":{"id":"9"},
             "data":{"name":"Summarize","type":3,"target_id":"77","resolved":{"messages":{"77":{"id":"77","content":"look",
               "embeds":[{"url":"https://example.test/a"},{"title":"no link"}]}}}}}
            """);

        Assert.Equal((ChatCommand.SummarizeMessage, "look\nhttps://example.test/a"), DiscordCommandSet.ToCommand(interaction));
    }

    [Theory]
    [InlineData("""[{"type":1,"components":[{"type":4,"custom_id":"article","value":"https://example.test/a"}]},{"type":1,"components":[{"type":4,"custom_id":"question","value":" why? "}]}]""")]
    [InlineData("""[{"type":18,"component":{"type":4,"custom_id":"article","value":"https://example.test/a"}},{"type":18,"component":{"type":4,"custom_id":"question","value":"why?"}}]""")]
    public void ToCommand_AskModalSubmit_ArticleThenQuestion_InRowsOrLabels(string components)
    {
        var interaction = Parse("""{"id":"1","token":"t","type":5,"user":{"id":"9"},"data":{"custom_id":"ask-article","components":""" + components + "}}");

        Assert.Equal((ChatCommand.AskArticle, "https://example.test/a why?"), DiscordCommandSet.ToCommand(interaction));
    }

    [Fact]
    public void ToCommand_AutoSummary_TakesTheMode()
    {
        var interaction = Parse("""{"id":"1","token":"t","type":2,"member":{"user":{"id":"5"},"permissions":"32"},"data":{"name":"autosummary","type":1,"options":[{"name":"mode","type":3,"value":"on"}]}}""");

        Assert.Equal((ChatCommand.AutoSummary, "on"), DiscordCommandSet.ToCommand(interaction));
    }

    [Fact]
    public void Hash_ChangesWithScope()
    {
        var commands = DiscordCommandSet.Build();

        Assert.NotEqual(DiscordCommandSet.Hash(commands, "1", null), DiscordCommandSet.Hash(commands, "1", "2"));
        Assert.Equal(DiscordCommandSet.Hash(commands, "1", null), DiscordCommandSet.Hash(DiscordCommandSet.Build(), "1", null));
    }

    [Theory]
    [InlineData(4004, "Fatal")]
    [InlineData(4014, "Fatal")]
    [InlineData(4009, "Identify")]
    [InlineData(4000, "Resume")]
    [InlineData(null, "Resume")]
    public void Classify_CloseCodes(int? code, string expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code).ToString());

    [Fact]
    public void Validate_TokenWithoutApplicationIdOrBadShard_Fails()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "x", ShardId = 1, ShardCount = 1 });

        Assert.True(result.Failed);
        Assert.Contains("Discord:ApplicationId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Discord:ShardId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoToken_Succeeds() =>
        Assert.True(new DiscordOptionsValidator().Validate(null, new DiscordOptions()).Succeeded);

    [Theory]
    [InlineData(null, false)]
    [InlineData("abc", false)]
    [InlineData("zz3c2b8e7f0a1d4c9b6e5f8a7d0c3b2e1f4a7d0c9b8e5f2a1d4c7b0e3f6a9d8c", false)]
    [InlineData("6b3c2b8e7f0a1d4c9b6e5f8a7d0c3b2e1f4a7d0c9b8e5f2a1d4c7b0e3f6a9d8c", true)]
    public void Validate_InteractionsUrl_NeedsThePublicKey(string? publicKey, bool valid)
    {
        var options = new DiscordOptions { Token = "x", ApplicationId = "1", InteractionsUrl = "http://127.0.0.1:0", PublicKey = publicKey };

        var result = new DiscordOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
    }

    [Theory]
    [InlineData(0, null, true)]
    [InlineData(4, new[] { 1, 3 }, true)]
    [InlineData(0, new[] { 0 }, false)]
    [InlineData(4, new[] { 1, 4 }, false)]
    [InlineData(4, new[] { 2, 2 }, false)]
    public void Validate_ShardIds_DistinctAndBelowAFixedCount(int count, int[]? ids, bool valid)
    {
        var options = new DiscordOptions { Token = "x", ApplicationId = "1", ShardCount = count, ShardIds = ids };

        Assert.Equal(valid, new DiscordOptionsValidator().Validate(null, options).Succeeded);
    }
}
