using System.Text.RegularExpressions;
using ChatBot.Core.Chat;

namespace ChatBot.Tests.Docs;

/// <summary>"The same commands on every platform": the Slack app manifest declares exactly the bot's commands.</summary>
public sealed partial class SlackManifestTests
{
    [Fact]
    public void Manifest_DeclaresEveryCommand_AndNoOther()
    {
        var declared = SlashCommand().Matches(Repository.Read("config/slack-app-manifest.yaml")).Select(m => m.Groups[1].Value).Order().ToList();

        var commands = ChatCommands.All.Select(c => ChatCommands.Name(c.Command)).Order().ToList();

        Assert.Equal(commands, declared);
    }

    [Fact]
    public void SlackDocs_ListEveryCommand()
    {
        var docs = Repository.Read("docs/slack.md");

        Assert.All(ChatCommands.All, c => Assert.Contains("`/" + ChatCommands.Name(c.Command) + "`", docs, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\s*- command: /(\w+)", RegexOptions.Multiline)]
    private static partial Regex SlashCommand();
}
