using ChatBot.Core.Chat;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Slack;

public sealed class SlackChatPublisherTests
{
    [Fact]
    public async Task PublishAsync_Digest_PostedToChannelWithSpecValidArguments()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var publisher = Assert.Single(bot.Host.Services.GetServices<IChatPublisher>(), p => p.Platform == "slack");
        var digest = new ChatReply(ReplyKind.Digest, "Today in AI")
        {
            Title = "Daily digest",
            Items = [new ReplyItem("DeepSeek R1 & friends", "https://example.invalid/r1", "Open weights <3")],
        };

        var ts = await publisher.PublishAsync("C0DIGEST1", digest, CancellationToken.None);

        var post = Assert.Single(bot.Slack.Requests("chat.postMessage"));
        Assert.False(string.IsNullOrEmpty(ts));
        Assert.Equal("C0DIGEST1", post.Channel);
        Assert.Null(post.ThreadTs);
        Assert.Contains("<https://example.invalid/r1|DeepSeek R1 &amp; friends>", post.AllText, StringComparison.Ordinal);
        Assert.Empty(SlackWebApiSpec.Load().Check("chat.postMessage", post.Json!, post.Authorization));
    }
}
