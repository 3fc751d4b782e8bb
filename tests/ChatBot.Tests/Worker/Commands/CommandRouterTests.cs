using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.Tests.Worker.Commands;

public class CommandRouterTests
{
    private readonly Mock<IRetrievalService> _retrieval = new(MockBehavior.Strict);

    private CommandRouter Router => new(_retrieval.Object, NullLogger<CommandRouter>.Instance);

    private static ChatRequest Request(ChatCommand command, string argument, bool admin = false) =>
        new("discord", "c1", "u1", command, argument, admin, "ref1") { Workspace = "g1" };

    [Fact]
    public async Task HandleAsync_AskWithPartialCallbackAndStreamingService_ForwardsPartialsThenComposesTheFinalAnswer()
    {
        var streaming = new Mock<IStreamingRetrievalService>(MockBehavior.Strict);
        streaming.Setup(s => s.AskStreamingAsync("discord:g1", "why?", null, It.IsAny<Func<string, CancellationToken, Task>>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, string _, IReadOnlyList<ConversationTurn>? _, Func<string, CancellationToken, Task> onPartial, CancellationToken ct) =>
            {
                await onPartial("Because", ct);
                await onPartial("Because of [1]", ct);
                return new Answer("Because of [1].", [new Citation(1, 7, "Source", "seed:7", "https://example.test/7", "q", 0.9)], false, 0.9, "a note");
            });
        var partials = new List<string>();
        var router = new CommandRouter(_retrieval.Object, NullLogger<CommandRouter>.Instance, streaming: streaming.Object);

        var reply = await router.HandleAsync(
            Request(ChatCommand.Ask, "why?") with { OnPartialAnswer = (text, _) => { partials.Add(text); return Task.CompletedTask; } },
            CancellationToken.None);

        Assert.Equal(["Because", "Because of [1]"], partials);
        Assert.Equal("Because of [1].", reply.Text);
        Assert.Equal("a note", reply.Note);
        Assert.Single(reply.Citations);
    }

    [Fact]
    public async Task HandleAsync_AskWithoutPartialCallback_UsesAskAsyncEvenWithStreamingService()
    {
        var streaming = new Mock<IStreamingRetrievalService>(MockBehavior.Strict);
        _retrieval.Setup(r => r.AskAsync("discord:g1", "why?", null, It.IsAny<CancellationToken>())).ReturnsAsync(new Answer("Quoted.", [], true, 0.1));
        var router = new CommandRouter(_retrieval.Object, NullLogger<CommandRouter>.Instance, streaming: streaming.Object);

        var reply = await router.HandleAsync(Request(ChatCommand.Ask, "why?"), CancellationToken.None);

        Assert.Equal("Quoted.", reply.Text);
        streaming.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_AskWithPartialCallbackWithoutStreamingService_UsesAskAsync()
    {
        _retrieval.Setup(r => r.AskAsync("discord:g1", "why?", null, It.IsAny<CancellationToken>())).ReturnsAsync(new Answer("Quoted.", [], true, 0.1));
        var called = false;

        var reply = await Router.HandleAsync(
            Request(ChatCommand.Ask, "why?") with { OnPartialAnswer = (_, _) => { called = true; return Task.CompletedTask; } },
            CancellationToken.None);

        Assert.Equal("Quoted.", reply.Text);
        Assert.False(called);
    }

    [Fact]
    public async Task HandleAsync_PartialCallbackFails_FinalAnswerStillReturned()
    {
        var streaming = new Mock<IStreamingRetrievalService>(MockBehavior.Strict);
        streaming.Setup(s => s.AskStreamingAsync("discord:g1", "why?", null, It.IsAny<Func<string, CancellationToken, Task>>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, string _, IReadOnlyList<ConversationTurn>? _, Func<string, CancellationToken, Task> onPartial, CancellationToken ct) =>
            {
                await onPartial("Because", ct);
                return new Answer("Because.", [], false, 0.9);
            });
        var router = new CommandRouter(_retrieval.Object, NullLogger<CommandRouter>.Instance, streaming: streaming.Object);

        var reply = await router.HandleAsync(
            Request(ChatCommand.Ask, "why?") with { OnPartialAnswer = (_, _) => throw new HttpRequestException("edit refused") },
            CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("Because.", reply.Text);
    }

    [Fact]
    public async Task HandleAsync_UnknownCommand_RepliesWithHelp()
    {
        var reply = await Router.HandleAsync(Request(ChatCommand.Unknown, "/frobnicate"), CancellationToken.None);

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.Contains("/frobnicate", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Items, i => i.Title.StartsWith("/ask", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public async Task HandleAsync_EmptyQuestion_AsksPolitelyForOne(string question)
    {
        var reply = await Router.HandleAsync(Request(ChatCommand.Ask, question), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("What would you like to know?", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChatCommand.Add)]
    [InlineData(ChatCommand.Forget)]
    public async Task HandleAsync_AdminCommandFromMember_IsRefusedEphemerally(ChatCommand command)
    {
        var reply = await Router.HandleAsync(Request(command, "anything", admin: false), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.True(reply.Ephemeral);
    }

    [Fact]
    public async Task HandleAsync_Ask_ComposesAnswerWithCitationsAndButtons()
    {
        var citation = new Citation(1, 42, "Title", "seed:x", null, "quote", 0.9);
        _retrieval.Setup(r => r.AskAsync("discord:g1", "Why?", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Answer("“quote” [1]", [citation], Abstained: false, Confidence: 0.8));

        var reply = await Router.HandleAsync(Request(ChatCommand.Ask, "Why?"), CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal("“quote” [1]", reply.Text);
        Assert.Same(citation, Assert.Single(reply.Citations));
        Assert.Contains(reply.Actions, a => a.Id == "summarize:42");
    }

    [Fact]
    public async Task HandleAsync_RetrievalThrows_RepliesWithCorrelationId()
    {
        _retrieval.Setup(r => r.ListArticlesAsync("discord:g1", It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("disk on fire"));

        var reply = await Router.HandleAsync(Request(ChatCommand.Articles, string.Empty), CancellationToken.None);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("ref1", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("disk on fire", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_TimeoutInsideRetrieval_RepliesWithCorrelationIdInsteadOfSilence()
    {
        // An HttpClient timeout or a stray token inside a request surfaces as TaskCanceledException while the
        // caller's token is fine: the user must still get a reply.
        _retrieval.Setup(r => r.ListArticlesAsync("discord:g1", It.IsAny<CancellationToken>())).ThrowsAsync(new TaskCanceledException("timed out"));

        var reply = await Router.HandleAsync(Request(ChatCommand.Articles, string.Empty), CancellationToken.None);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("ref1", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_CallerCancels_CancellationPropagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _retrieval.Setup(r => r.ListArticlesAsync("discord:g1", It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Router.HandleAsync(Request(ChatCommand.Articles, string.Empty), cancelled.Token));
    }

    [Theory]
    [InlineData("3 short", "3", SummaryLength.Short)]
    [InlineData("Open source models long", "Open source models", SummaryLength.Long)]
    [InlineData("12", "12", SummaryLength.Medium)]
    public void ParseSummarize_TrailingLengthWord_SetsLength(string argument, string reference, SummaryLength length)
    {
        Assert.Equal((reference, length), CommandRouter.ParseSummarize(argument));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/home/app/secrets")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a")]
    public async Task HandleAsync_AddFromChatWithAPath_IsRefusedWithoutTouchingTheDisk(string argument)
    {
        var reply = await Router.HandleAsync(Request(ChatCommand.Add, argument, admin: true), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("http", reply.Text, StringComparison.Ordinal);
        _retrieval.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_AddAtTheConsoleWithAPath_Ingests()
    {
        _retrieval.Setup(r => r.IngestAsync("g1", "/tmp/notes", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new IngestResult("/tmp/notes", IngestOutcome.Failed, null, "No such file or folder: /tmp/notes")]);

        var reply = await Router.HandleAsync(Request(ChatCommand.Add, "/tmp/notes", admin: true) with { Platform = "console" }, CancellationToken.None);

        Assert.Contains("No such file or folder", reply.Text, StringComparison.Ordinal);
    }
}
