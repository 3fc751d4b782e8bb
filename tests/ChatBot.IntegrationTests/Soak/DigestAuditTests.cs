using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Discord.Rendering;
using ChatBot.Slack.Rendering;
using ChatBot.Soak;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Soak;

/// <summary>The soak's digest check on made-up runs: it must see a doubled part, a skipped or folded slot, and pass a clean run.</summary>
public sealed class DigestAuditTests
{
    private static readonly DigestPlan Plan = new(TimeSpan.FromSeconds(10));
    private static readonly DateTimeOffset Start = new(2025, 3, 24, 12, 0, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddSeconds(30); // slots 12:00:10, :20, :30

    [Fact]
    public void DueSlots_TenSecondCadence_EveryTenthSecondAfterTheStartUpToTheEnd()
    {
        var slots = Plan.DueSlots(Start.AddMilliseconds(300), End);

        Assert.Equal([10, 20, 30], slots.Select(s => s.Second));
    }

    [Fact]
    public void Check_EveryPartOnce_AllSlotsPostedOnce()
    {
        var (rows, messages) = CleanRun();

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows, messages);

        Assert.Equal((3, 3, 0, 0), (stats.SlotsDue, stats.PostedOnce, stats.Doubled, stats.Skipped));
        Assert.True(stats.Passed, string.Join("; ", stats.Problems));
    }

    [Fact]
    public void Check_PartPostedAgainWithoutRecord_SlotDoubled()
    {
        var (rows, messages) = CleanRun();
        var repeat = messages.Single(m => m.Id == "m3") with { Id = "m9", At = Slot(20).AddSeconds(4) };

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows, [.. messages, repeat]);

        Assert.Equal(1, stats.Doubled);
        Assert.Equal(2, stats.PostedOnce);
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_StoryInTheDigestsOfTwoSlots_Doubled()
    {
        var (rows, messages) = CleanRun();
        messages[^1] = messages[^1] with { Stories = new HashSet<string>(StringComparer.Ordinal) { "Story 2a" } };

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows, messages);

        Assert.Equal(1, stats.Doubled);
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_SlotNeverClaimed_Skipped()
    {
        var (rows, messages) = CleanRun();

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows.Where(r => r.Slot != Slot(30)).ToList(), messages.Where(m => m.Id != "m5").ToList());

        Assert.Equal(1, stats.Skipped);
        Assert.Equal(0, stats.MergedIntoCatchUp);
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_SlotFoldedIntoTheNextCatchUp_SkippedAndCountedAsFolded()
    {
        var (rows, messages) = CleanRun();
        var folded = rows.Where(r => r.Slot != Slot(20)).Select(r => r.Slot == Slot(30) ? r with { CatchUp = true, MissedSlots = 2 } : r).ToList();

        var stats = DigestAudit.Check("discord", Plan, Start, End, folded, messages.Where(m => m.Id is not ("m3" or "m4")).ToList());

        Assert.Equal((1, 1), (stats.Skipped, stats.MergedIntoCatchUp));
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_SlotStillWaitingForARetryAtTheEnd_Skipped()
    {
        var (rows, messages) = CleanRun();
        var waiting = rows.Select(r => r.Slot == Slot(20) ? r with { Status = "claimed", PartsPosted = 1, MessageIds = ["m3"], Attempts = 3 } : r).ToList();

        var stats = DigestAudit.Check("discord", Plan, Start, End, waiting, messages.Where(m => m.Id != "m4").ToList());

        Assert.Equal(1, stats.Skipped);
        Assert.Equal(1, stats.Retried);
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_RecordedPartThePlatformNeverAccepted_Skipped()
    {
        var (rows, messages) = CleanRun();

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows, messages.Where(m => m.Id != "m4").ToList());

        Assert.Equal(1, stats.Skipped);
        Assert.False(stats.Passed);
    }

    [Fact]
    public void Check_UntitledContinuationOfAPart_BelongsToThatSlot()
    {
        var (rows, messages) = CleanRun();
        var continuation = new DigestMessage("m4b", messages.Single(m => m.Id == "m4").At.AddMilliseconds(5), true, null, 0, 0, Stories("Story 2c"), "{}");

        var stats = DigestAudit.Check("discord", Plan, Start, End, rows, [.. messages, continuation]);

        Assert.True(stats.Passed, string.Join("; ", stats.Problems));
    }

    [Fact]
    public void FromDiscord_RenderedDigestPart_ReadsAcceptedPartAndStories()
    {
        var part = Part("Daily digest — Monday 24 March 2025 (2/3)", "The cable car of Porto (bulletin 3)", "The glass bridge of Split (bulletin 4)");
        var body = DiscordMessageRenderer.Render(part).Single().ToJsonString();
        var path = "/api/v10/channels/" + DigestPlan.DiscordChannel + "/messages";
        FakeDiscordRequest[] requests =
        [
            new("POST", path, "/channels/{channel_id}/messages", body, null, null, null, [], Start) { Status = 500 },
            new("POST", path, "/channels/{channel_id}/messages", body, null, null, null, [], Start.AddSeconds(1)) { ResponseId = "900" },
            new("POST", "/api/v10/channels/123/messages", "/channels/{channel_id}/messages", body, null, null, null, [], Start) { ResponseId = "901" },
        ];

        var messages = DigestAudit.FromDiscord(requests, DigestPlan.DiscordChannel);

        Assert.Equal(2, messages.Count);
        Assert.False(messages[0].Accepted);
        var accepted = messages[1];
        Assert.Equal(("900", 2, 3), (accepted.Id, accepted.Part, accepted.PartCount));
        Assert.Equal(["The cable car of Porto (bulletin 3)", "The glass bridge of Split (bulletin 4)"], accepted.Stories.Order());
    }

    [Fact]
    public void FromSlack_RenderedDigestPart_ReadsAcceptedPartAndStories()
    {
        var part = Part("Daily digest — Monday 24 March 2025", "The cable car of Porto (bulletin 3)", "Salt & pepper <tariffs> (bulletin 5)");
        var message = SlackMessageRenderer.Render(part).Single();
        message["channel"] = DigestPlan.SlackChannel;
        var reply = (JsonObject)message.DeepClone();
        reply["thread_ts"] = "1700000000.000100";
        RecordedSlackRequest[] requests =
        [
            new("chat.postMessage", null, null, message.ToJsonString(), Start) { Status = 429 },
            new("chat.postMessage", null, null, message.ToJsonString(), Start.AddSeconds(1)) { ResponseTs = "1700000300.000100" },
            new("chat.postMessage", null, null, reply.ToJsonString(), Start) { ResponseTs = "1700000301.000100" },
        ];

        var messages = DigestAudit.FromSlack(requests, DigestPlan.SlackChannel);

        Assert.Equal(2, messages.Count);
        Assert.False(messages[0].Accepted);
        var accepted = messages[1];
        Assert.Equal(("1700000300.000100", 1, 1), (accepted.Id, accepted.Part, accepted.PartCount));
        Assert.Equal(2, accepted.Stories.Count);
        Assert.Contains("The cable car of Porto (bulletin 3)", accepted.Stories);
    }

    [Fact]
    public void RecoveredInjections_RefusalsUsedUpThenAPostAccepted_OnlyThatInjectionRecovered()
    {
        var at = Start;
        var refused = Enumerable.Range(1, 5).Select(i => Message(null, at.AddSeconds(i), accepted: false)).ToList();
        var accepted = Message("m1", at.AddSeconds(8));
        DateTimeOffset[] injections = [at, at.AddSeconds(20)]; // the second one's refusals never came

        var recovered = DigestAudit.RecoveredInjections(injections, 5, [.. refused, accepted]);

        Assert.Equal(1, recovered);
    }

    /// <summary>Slots 12:00:10 (one part), 12:00:20 (two parts) and 12:00:30 (one part), each recorded and accepted once.</summary>
    private static (List<DigestRow> Rows, List<DigestMessage> Messages) CleanRun()
    {
        List<DigestRow> rows =
        [
            new(Slot(10), "posted", false, 1, 1, ["m1"], 1, 2),
            new(Slot(20), "posted", false, 1, 2, ["m3", "m4"], 2, 3),
            new(Slot(30), "posted", false, 1, 1, ["m5"], 1, 1),
        ];
        List<DigestMessage> messages =
        [
            Message("m1", Slot(10).AddSeconds(1), title: "Daily digest", stories: ["Story 1a", "Story 1b"]),
            Message("m3", Slot(20).AddSeconds(1), title: "Daily digest (1/2)", part: (1, 2), stories: ["Story 2a", "Story 2b"]),
            Message("m4", Slot(20).AddSeconds(3), title: "Daily digest (2/2)", part: (2, 2), stories: ["Story 2c"]),
            Message("m5", Slot(30).AddSeconds(1), title: "Daily digest", stories: ["Story 3a"]),
        ];
        return (rows, messages);
    }

    private static DigestMessage Message(string? id, DateTimeOffset at, bool accepted = true, string? title = "Daily digest", (int Part, int Count)? part = null, string[]? stories = null) =>
        new(id, at, accepted, title, part?.Part ?? 1, part?.Count ?? 1, Stories(stories ?? []), (title ?? string.Empty) + string.Join(",", stories ?? []));

    private static HashSet<string> Stories(params string[] titles) => new(titles, StringComparer.Ordinal);

    private static DateTimeOffset Slot(int second) => new(2025, 3, 24, 12, 0, second, TimeSpan.Zero);

    private static ChatReply Part(string title, params string[] stories) =>
        new(ReplyKind.Digest, "**2 stories** from 1 source, most important first.")
        {
            Title = title,
            Items = stories.Select(s => new ReplyItem(s, "https://news.example/" + s.Length, "One sentence about it. — news.example")).ToList(),
        };
}
