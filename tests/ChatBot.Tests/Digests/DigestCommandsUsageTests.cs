using System.Text.RegularExpressions;
using ChatBot.Core.Chat;
using ChatBot.Digests;

namespace ChatBot.Tests.Digests;

public sealed partial class DigestCommandsUsageTests
{
    [Fact]
    public void FeedsUsage_SaysWhatHelpSays()
    {
        var help = ChatCommands.All.Single(c => c.Command == ChatCommand.Feeds).Usage;

        var forms = help["feeds ".Length..].Split(" | ");
        var usage = FeedsForm().Matches(DigestCommands.FeedsUsage).Select(m => m.Groups[1].Value);

        Assert.Equal(forms, usage);
    }

    [GeneratedRegex("`/feeds ([^`]*)`")]
    private static partial Regex FeedsForm();
}
