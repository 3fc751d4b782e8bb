using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.Tests.Worker.Commands;

/// <summary>"Summarize" on a message and "Ask about this article", through the command router.</summary>
public class MessageActionsTests
{
    private readonly Mock<IRetrievalService> _retrieval = new(MockBehavior.Strict);
    private readonly Mock<IArticleReader> _reader = new(MockBehavior.Strict);

    private CommandRouter Router => new(_retrieval.Object, NullLogger<CommandRouter>.Instance, articles: _reader.Object);

    private static ChatRequest Request(ChatCommand command, string argument) =>
        new("slack", "C1", "U1", command, argument, false, "ref1") { Workspace = "T1" };

    private static Article Article(long id, string url) => new(id, url, "Article " + id, url, null, null, DateTimeOffset.UnixEpoch, "h", 2);

    private static Summary SummaryOf(Article article) =>
        new(article, $"Summary of {article.Id}.", [$"Summary of {article.Id}."], new Citation(1, article.Id, article.Title, article.Source, article.Url, string.Empty, 1));

    [Fact]
    public async Task SummarizeMessage_OneLink_ReadsIt_AndRepliesWithItsSummaryAndSource()
    {
        var article = Article(7, "https://example.test/a");
        _retrieval.Setup(r => r.SummarizeAsync("slack:T1", "https://example.test/a", SummaryLength.Medium, It.IsAny<CancellationToken>())).ReturnsAsync(SummaryOf(article));

        var reply = await Router.HandleAsync(Request(ChatCommand.SummarizeMessage, "Look: https://example.test/a!"), CancellationToken.None);

        Assert.Equal(ReplyKind.Summary, reply.Kind);
        Assert.False(reply.Ephemeral);
        Assert.Equal("Summary of 7.", reply.Text);
        Assert.Equal("https://example.test/a", Assert.Single(reply.Citations).Url);
    }

    [Fact]
    public async Task SummarizeMessage_SeveralLinks_OneParagraphEach_AndUnreadableOnesNoted()
    {
        _retrieval.Setup(r => r.SummarizeAsync("slack:T1", "https://example.test/a", SummaryLength.Medium, It.IsAny<CancellationToken>())).ReturnsAsync(SummaryOf(Article(1, "https://example.test/a")));
        _retrieval.Setup(r => r.SummarizeAsync("slack:T1", "https://example.test/b", SummaryLength.Medium, It.IsAny<CancellationToken>())).ReturnsAsync(SummaryOf(Article(2, "https://example.test/b")));
        _retrieval.Setup(r => r.SummarizeAsync("slack:T1", "http://10.0.0.1/", SummaryLength.Medium, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IngestionException("http://10.0.0.1/ is on a private network."));

        var reply = await Router.HandleAsync(Request(ChatCommand.SummarizeMessage, "https://example.test/a and https://example.test/b and http://10.0.0.1/"), CancellationToken.None);

        Assert.Equal(ReplyKind.Summary, reply.Kind);
        Assert.Equal([1, 2], reply.Citations.Select(c => c.Number));
        Assert.Contains("**Article 1** [1]: Summary of 1.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**Article 2** [2]: Summary of 2.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("private network", reply.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeMessage_NoLinkReadable_ExplainsPrivately()
    {
        _retrieval.Setup(r => r.SummarizeAsync("slack:T1", "http://10.0.0.1/", SummaryLength.Medium, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IngestionException("http://10.0.0.1/ is on a private network."));

        var reply = await Router.HandleAsync(Request(ChatCommand.SummarizeMessage, "http://10.0.0.1/"), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.True(reply.Ephemeral);
        Assert.Contains("private network", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeMessage_ShortTextWithoutLink_ExplainsPrivately()
    {
        var reply = await Router.HandleAsync(Request(ChatCommand.SummarizeMessage, "ok, sounds good"), CancellationToken.None);

        Assert.True(reply.Ephemeral);
        Assert.Equal(MessageActions.TooShort, reply.Text);
    }

    [Fact]
    public async Task SummarizeMessage_LongTextWithoutLink_SummarizesTheTextItself()
    {
        var text = string.Join(' ', Enumerable.Repeat("The team shipped the release after a long week of testing.", 12));
        _reader.Setup(r => r.SummarizeText(text, SummaryLength.Short)).Returns(["The team shipped the release."]);

        var reply = await Router.HandleAsync(Request(ChatCommand.SummarizeMessage, text), CancellationToken.None);

        Assert.Equal(ReplyKind.Summary, reply.Kind);
        Assert.False(reply.Ephemeral);
        Assert.Equal("The team shipped the release.", reply.Text);
    }

    [Fact]
    public async Task AskArticle_UnknownLink_IsIngested_ThenAnsweredFromThatArticle()
    {
        var article = Article(9, "https://example.test/r1");
        _retrieval.Setup(r => r.FindArticleAsync("slack:T1", "https://example.test/r1", It.IsAny<CancellationToken>())).ReturnsAsync((Article?)null);
        _retrieval.Setup(r => r.IngestAsync("slack:T1", "https://example.test/r1", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new IngestResult("https://example.test/r1", IngestOutcome.Added, article)]);
        _reader.Setup(r => r.AskArticleAsync(article, "Is it open?", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Answer("Yes [1].", [new Citation(1, 9, article.Title, article.Source, article.Url, "q", 0.8)], false, 0.8));

        var reply = await Router.HandleAsync(Request(ChatCommand.AskArticle, "https://example.test/r1 Is it open?"), CancellationToken.None);

        Assert.Equal("Yes [1].", reply.Text);
        Assert.Equal(9, Assert.Single(reply.Citations).ArticleId);
        Assert.Contains("Article 9", reply.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.test/r1")]
    [InlineData("https://example.test/r1   ?")]
    [InlineData("")]
    public async Task AskArticle_WithoutAQuestion_AsksForOne(string argument)
    {
        var reply = await Router.HandleAsync(Request(ChatCommand.AskArticle, argument), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("question", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskArticle_LinkThatCannotBeRead_SaysWhyPrivately()
    {
        _retrieval.Setup(r => r.FindArticleAsync("slack:T1", "http://10.0.0.1/x", It.IsAny<CancellationToken>())).ReturnsAsync((Article?)null);
        _retrieval.Setup(r => r.IngestAsync("slack:T1", "http://10.0.0.1/x", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new IngestResult("http://10.0.0.1/x", IngestOutcome.Failed, null, "blocked: a private network")]);

        var reply = await Router.HandleAsync(Request(ChatCommand.AskArticle, "http://10.0.0.1/x why?"), CancellationToken.None);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.True(reply.Ephemeral);
        Assert.Contains("private network", reply.Text, StringComparison.Ordinal);
    }
}
