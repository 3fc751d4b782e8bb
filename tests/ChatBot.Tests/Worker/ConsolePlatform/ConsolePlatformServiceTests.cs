using ChatBot.Core.Chat;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatBot.Tests.Worker.ConsolePlatform;

public sealed class ConsolePlatformServiceTests
{
    private static async Task<List<ChatRequest>> RunAsync(string typed)
    {
        var requests = new List<ChatRequest>();
        var handler = new Mock<IChatCommandHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ChatRequest r, CancellationToken _) =>
            {
                requests.Add(r);
                return new ChatReply(ReplyKind.Answer, "answer to " + r.Argument);
            });
        var stopped = new TaskCompletionSource();
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.StopApplication()).Callback(() => stopped.TrySetResult());
        lifetime.Setup(l => l.ApplicationStarted).Returns(new CancellationToken(canceled: true)); // the host has started
        using var service = new ConsolePlatformService(
            handler.Object, new ConsoleIo(new StringReader(typed), new StringWriter()), lifetime.Object, NullLogger<ConsolePlatformService>.Instance, new FakeTimeProvider());

        await service.StartAsync(CancellationToken.None);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);
        return requests;
    }

    [Fact]
    public async Task Ask_SecondQuestion_CarriesTheFirstQuestionAndAnswer()
    {
        var requests = await RunAsync("Who opened the festival?\nWhen did she do it?\n");

        Assert.Empty(requests[0].History!);
        var history = requests[1].History!;
        Assert.Equal([ConversationRole.User, ConversationRole.Bot], history.Select(t => t.Role));
        Assert.Equal("Who opened the festival?", history[0].Text);
        Assert.Equal("answer to Who opened the festival?", history[1].Text);
    }

    [Fact]
    public async Task New_StartsAConversationWithoutHistory()
    {
        var requests = await RunAsync("Who opened the festival?\n/new\nWhen did she do it?\n");

        Assert.Equal(2, requests.Count);
        Assert.Empty(requests[1].History!);
    }

    [Fact]
    public async Task OtherCommands_CarryNoHistoryAndAreNotRemembered()
    {
        var requests = await RunAsync("/articles\nWhat is new?\n");

        Assert.Null(requests[0].History);
        Assert.Empty(requests[1].History!);
    }
}
