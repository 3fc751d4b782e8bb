using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Stats;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Stats;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.IntegrationTests.Retrieval.Stats;

/// <summary>The gap finder with the real MiniLM model: rephrasings of one question count once, different questions apart.</summary>
public sealed class GapFinderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly MiniLmEmbeddingGenerator Embedder = new(Options.Create(new EmbeddingOptions()));

    [Fact]
    public async Task Find_Rephrasings_CountOnceWithTheClosestArticle()
    {
        string[] asked =
        [
            "How do kangaroos sleep?",
            "When do kangaroos rest?",
            "how do kangaroos sleep",
            "Where do kangaroos sleep at night?",
            "How much does an H100 GPU cost?",
            "What is the price of an H100 GPU?",
            "Who founded the Linux kernel?",
        ];
        var questions = asked.Select((q, i) => new GapQuestion(i + 1, "local", q, Abstained: true, ThumbsDown: 0, At.AddMinutes(-i))).ToList();
        var stats = new Mock<IChatStats>();
        stats.Setup(s => s.GapQuestionsAsync("local", At.AddDays(-7), GapFinder.MaxQuestions, It.IsAny<CancellationToken>())).ReturnsAsync(questions);
        var retrieval = new Mock<IRetrievalService>();
        retrieval.Setup(r => r.SearchAsync("local", It.IsAny<string>(), 1, It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string query, int _, CancellationToken _) => query.Contains("kangaroo", StringComparison.OrdinalIgnoreCase)
                ? [new SearchHit(new Article(3, "k.md", "Kangaroos at rest", "https://news.test/k", null, null, At, "h", 2), 9, "They rest at noon.", 0.8, 1, 1, 0.7)]
                : []);

        var gaps = await new GapFinder(stats.Object, Embedder, retrieval.Object).FindAsync("local", At.AddDays(-7), 10, default);

        Assert.Equal([4, 2, 1], gaps.Select(g => g.Count));
        Assert.Equal("How do kangaroos sleep?", gaps[0].Question);
        Assert.Equal(["When do kangaroos rest?", "Where do kangaroos sleep at night?"], gaps[0].Rephrasings.Order(StringComparer.Ordinal));
        Assert.Equal(("Kangaroos at rest", "https://news.test/k"), (gaps[0].ClosestTitle, gaps[0].ClosestUrl));
        Assert.Contains("H100", gaps[1].Question, StringComparison.Ordinal);
        Assert.Null(gaps[1].ClosestTitle);
        Assert.Equal("Who founded the Linux kernel?", gaps[2].Question);
    }

    [Fact]
    public async Task Find_VotesDownWeighTheirQuestion_LimitKeepsTheMostAsked()
    {
        var questions = new List<GapQuestion>
        {
            new(1, "local", "Who founded the Linux kernel?", Abstained: false, ThumbsDown: 3, At),
            new(2, "local", "How much does an H100 GPU cost?", Abstained: true, ThumbsDown: 0, At),
            new(3, "discord:9", "How do kangaroos sleep?", Abstained: true, ThumbsDown: 0, At),
        };
        var stats = new Mock<IChatStats>();
        stats.Setup(s => s.GapQuestionsAsync(null, At.AddDays(-7), GapFinder.MaxQuestions, It.IsAny<CancellationToken>())).ReturnsAsync(questions);
        var retrieval = new Mock<IRetrievalService>();
        retrieval.Setup(r => r.SearchAsync(It.IsAny<string>(), It.IsAny<string>(), 1, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var gaps = await new GapFinder(stats.Object, Embedder, retrieval.Object).FindAsync(null, At.AddDays(-7), 2, default);

        Assert.Equal([("local", 3), ("discord:9", 1)], gaps.Select(g => (g.Library, g.Count)));
    }
}
