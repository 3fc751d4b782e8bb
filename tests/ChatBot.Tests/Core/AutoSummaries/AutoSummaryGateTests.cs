using ChatBot.Core.AutoSummaries;
using ChatBot.TestKit.Chat;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Core.AutoSummaries;

public class AutoSummaryGateTests
{
    private readonly InMemoryAutoSummaryChannels _channels = new();
    private readonly FakeTimeProvider _time = new();

    private AutoSummaryGate Gate => new(_channels, _time);

    [Fact]
    public async Task Link_InAChannelThatIsOn_IsSummarized()
    {
        await _channels.SetAsync("slack", "C1", true, default);

        var link = await Gate.LinkToSummarizeAsync("slack", "C1", "see https://example.test/a and https://example.test/b", authorIsBot: false, default);

        Assert.Equal("https://example.test/a", link?.AbsoluteUri);
    }

    [Fact]
    public async Task NoSummary_ForBots_ForMessagesWithoutLink_OrInChannelsThatAreOff()
    {
        await _channels.SetAsync("slack", "C1", true, default);
        var gate = Gate;

        Assert.Null(await gate.LinkToSummarizeAsync("slack", "C1", "https://example.test/a", authorIsBot: true, default));
        Assert.Null(await gate.LinkToSummarizeAsync("slack", "C1", "no link", authorIsBot: false, default));
        Assert.Null(await gate.LinkToSummarizeAsync("slack", "C2", "https://example.test/a", authorIsBot: false, default));
        Assert.Null(await gate.LinkToSummarizeAsync("discord", "C1", "https://example.test/a", authorIsBot: false, default));
    }

    [Fact]
    public async Task RateLimited_PerChannel_AndFreedAsTheWindowPasses()
    {
        await _channels.SetAsync("slack", "C1", true, default);
        await _channels.SetAsync("slack", "C2", true, default);
        var gate = Gate;

        for (var i = 0; i < AutoSummaryGate.PerWindow; i++)
        {
            Assert.NotNull(await gate.LinkToSummarizeAsync("slack", "C1", $"https://example.test/{i}", false, default));
        }

        Assert.Null(await gate.LinkToSummarizeAsync("slack", "C1", "https://example.test/over", false, default));
        Assert.NotNull(await gate.LinkToSummarizeAsync("slack", "C2", "https://example.test/other-channel", false, default));

        _time.Advance(AutoSummaryGate.Window);
        Assert.NotNull(await gate.LinkToSummarizeAsync("slack", "C1", "https://example.test/later", false, default));
    }
}
