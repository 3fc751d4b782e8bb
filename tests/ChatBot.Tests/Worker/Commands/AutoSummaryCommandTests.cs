using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.TestKit.Chat;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.Tests.Worker.Commands;

public class AutoSummaryCommandTests
{
    private readonly InMemoryAutoSummaryChannels _channels = new();

    private CommandRouter Router => new(new Mock<IRetrievalService>(MockBehavior.Strict).Object, NullLogger<CommandRouter>.Instance, autoSummaries: _channels);

    private static ChatRequest Request(string argument, bool admin) =>
        new("slack", "C1", "U1", ChatCommand.AutoSummary, argument, admin, "ref1") { Workspace = "T1" };

    [Fact]
    public async Task OnThenOff_ByAnAdmin_SwitchesTheChannel()
    {
        var on = await Router.HandleAsync(Request("on", admin: true), default);
        Assert.True(await _channels.IsOnAsync("slack", "C1", default));
        Assert.Contains("on in this channel", on.Text, StringComparison.Ordinal);

        await Router.HandleAsync(Request("OFF", admin: true), default);
        Assert.False(await _channels.IsOnAsync("slack", "C1", default));
    }

    [Fact]
    public async Task NotAnAdmin_IsRefused_AndNothingChanges()
    {
        var reply = await Router.HandleAsync(Request("on", admin: false), default);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.False(await _channels.IsOnAsync("slack", "C1", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("maybe")]
    public async Task AnythingButOnOrOff_ExplainsAndShowsTheState(string argument)
    {
        var reply = await Router.HandleAsync(Request(argument, admin: true), default);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("Link summaries are off", reply.Text, StringComparison.Ordinal);
    }
}
