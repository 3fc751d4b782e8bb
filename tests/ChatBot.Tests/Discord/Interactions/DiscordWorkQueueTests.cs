using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Discord;
using ChatBot.Discord.Interactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.Tests.Discord.Interactions;

/// <summary>
/// A place in the queue is taken when a command is acknowledged, not when it is queued after its callback: the race where
/// a command deferred publicly then found the queue full (and a later one took its place) cannot happen.
/// </summary>
public sealed class DiscordWorkQueueTests
{
    private readonly Mock<IChatCommandHandler> _handler = new();

    private DiscordWorkQueue Queue(int capacity) => new(
        _handler.Object,
        Mock.Of<IConversationStore>(),
        Options.Create(new DiscordOptions { QueueCapacity = capacity, Workers = 1, HistoryTurns = 0 }),
        TimeProvider.System,
        NullLogger<DiscordWorkQueue>.Instance);

    private static ChatRequest Request(string text) => new("discord", "c", "u", ChatCommand.Ask, text, false, "x");

    [Fact]
    public void Reserved_PlacesCount_BeforeAnythingIsQueued()
    {
        var queue = Queue(capacity: 2);

        using var first = queue.TryReserve();
        using var second = queue.TryReserve();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(queue.TryReserve());
        Assert.False(queue.TryEnqueue(Request("third"), Mock.Of<IDiscordReply>(), "3"));
    }

    [Fact]
    public void UnusedPlace_GivenBackOnDispose_UsedPlaceStaysTaken()
    {
        var queue = Queue(capacity: 1);

        queue.TryReserve()!.Dispose();
        var used = queue.TryReserve();
        Assert.NotNull(used);
        used.Enqueue(Request("one"), Mock.Of<IDiscordReply>(), "1");
        used.Dispose();

        Assert.Null(queue.TryReserve());
        Assert.Throws<InvalidOperationException>(() => used.Enqueue(Request("again"), Mock.Of<IDiscordReply>(), "1"));
    }

    [Fact]
    public async Task Place_FreedWhenAWorkerTakesTheRequest()
    {
        var queue = Queue(capacity: 1);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<ChatReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Setup(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                started.TrySetResult();
                return release.Task;
            });
        Assert.True(queue.TryEnqueue(Request("one"), Mock.Of<IDiscordReply>(), "1"));
        Assert.Null(queue.TryReserve());

        using var cts = new CancellationTokenSource();
        var run = queue.RunAsync(cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var next = queue.TryReserve();
        Assert.NotNull(next);
        release.SetResult(ChatReply.Refusal("done"));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
