using ChatBot.Retrieval.Evaluation;
using ChatBot.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Evaluation;

public sealed class EvaluationRunnerTests : IAsyncLifetime
{
    private static readonly EvalDocument Penguins = new("d1", "Penguins", "Penguins live in Antarctica and eat krill. Emperor penguins breed in winter on the sea ice.");
    private RetrievalTestHost _host = null!;

    private EvaluationRunner Runner => _host.Services.GetRequiredService<EvaluationRunner>();

    public async Task InitializeAsync() => _host = await RetrievalTestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Dictionary<long, string>> IndexAsync(params EvalDocument[] corpus) => Runner.IndexCorpusAsync(corpus, null, CancellationToken.None);

    [Fact]
    public async Task RankAsync_TinyCorpusLexical_MatchesHandComputedMetrics()
    {
        var corpus = new[]
        {
            new EvalDocument("d1", "First", "Penguins live in Antarctica and eat krill. They cannot fly."),
            new EvalDocument("d2", "Second", "Volcanoes erupt lava when magma rises. Iceland has many of them."),
            new EvalDocument("d3", "Third", "Coffee beans are roasted before grinding. Arabica beans are common."),
        };
        var queries = new[]
        {
            new EvalQuestion("q1", "penguins antarctica", null, ["d1"]),
            new EvalQuestion("q2", "lava magma", null, ["d2"]),
            new EvalQuestion("q3", "coffee beans penguins", null, ["d1"]), // d3 matches two words, d1 one: d1 ranks 2nd
        };
        var ids = await Runner.IndexCorpusAsync(corpus, null, CancellationToken.None);

        var (predictions, report) = await Runner.RankAsync(queries, null, ids, SearchMode.Lexical, 10, CancellationToken.None);

        Assert.Equal(["d3", "d1"], predictions[2].RankedIds);
        Assert.Equal(3, report.Queries);
        Assert.Equal(2.0 / 3, report.RecallAt1, 4);
        Assert.Equal(1.0, report.RecallAt5, 4);
        Assert.Equal((1 + 1 + 0.5) / 3, report.MrrAt10, 4);
        Assert.Equal((1 + 1 + (1 / Math.Log2(3))) / 3, report.NdcgAt10, 4); // 0.8770
    }

    [Fact]
    public async Task AnswerAsync_QuestionWhosePassageIsNotIndexed_CountsAsUnanswerable()
    {
        var ids = await IndexAsync(Penguins);
        var questions = new[]
        {
            new EvalQuestion("q1", "Where do penguins live?", ["Antarctica"], ["d1"]),
            new EvalQuestion("q2", "When was the Eiffel Tower built?", ["1889"], ["d9"]),
        };

        var (predictions, report) = await Runner.AnswerAsync(questions, new HashSet<string> { "d1" }, ids, CancellationToken.None);

        Assert.Equal((1, 1), (report.Answerable, report.Unanswerable));
        Assert.False(predictions[0].Abstained);
        Assert.Equal(["d1"], predictions[0].CitedIds);
        Assert.Equal(1.0, report.ContainsGold);
        Assert.True(predictions[1].Abstained);
        Assert.Equal(1.0, report.AbstainedUnanswerable);
    }

    [Fact]
    public async Task AnswerAsync_OffTopic_AnswersFromOtherArticlesOnly_AndCountsTheAbstentions()
    {
        var ids = await IndexAsync(Penguins, new EvalDocument("d2", "Volcanoes", "Volcanoes erupt lava when magma rises. Iceland has many volcanoes and hot springs."));
        var questions = new[] { new EvalQuestion("q1", "Where do penguins live?", ["Antarctica"], ["d1"], ArticleId: "a1") };

        var (predictions, report) = await Runner.AnswerAsync(questions, new HashSet<string> { "d1", "d2" }, ids, CancellationToken.None, offTopic: true);

        Assert.Equal(1, report.OffTopic);
        var offTopic = Assert.Single(predictions, p => p.Id == "q1#off-topic");
        Assert.DoesNotContain("d1", offTopic.CitedIds);
        Assert.Equal(offTopic.Abstained ? 1.0 : 0.0, report.AbstainedOffTopic);
        Assert.Contains("off-topic", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_AnswerableAbstention_IsAlsoCountedOverTheQuestionsWhoseShownPassagesHoldTheGold()
    {
        var ids = await IndexAsync(Penguins);
        var questions = new[]
        {
            new EvalQuestion("q1", "Where do penguins live?", ["Antarctica"], ["d1"]),
            new EvalQuestion("q2", "Which penguins live in Greenland?", ["Greenland auks"], ["d1"]), // no passage holds the gold
        };

        var (predictions, report) = await Runner.AnswerAsync(questions, new HashSet<string> { "d1" }, ids, CancellationToken.None);

        Assert.Equal(2, report.Answerable);
        Assert.Equal(1, report.AnswerableGoldShown);
        Assert.Equal(predictions[0].Abstained ? 1.0 : 0.0, report.AbstainedAnswerableGoldShown);
        Assert.Contains("of the 1 whose shown passages hold the gold", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_ContextWeights_AsksEachFollowUpOncePerWeightAndReportsTheRulesChoice()
    {
        var ids = await IndexAsync(new EvalDocument("d1", "Emperor penguins", "Emperor penguins live in Antarctica and eat krill. Emperor penguins breed in winter on the sea ice."));
        var questions = new[]
        {
            new EvalQuestion("q1", "What do Emperor penguins eat?", ["krill"], ["d1"], ArticleId: "Emperor_penguins"),
            new EvalQuestion("q2", "When do Emperor penguins breed?", ["in winter"], ["d1"], ArticleId: "Emperor_penguins"),
        };

        var (predictions, report) = await Runner.AnswerAsync(questions, new HashSet<string> { "d1" }, ids, CancellationToken.None, followUps: true, contextWeights: [0.5, 0]);

        Assert.Equal(["q1", "q2", "q2#follow-up", "q2#follow-up-alone", "q2#follow-up@0.5", "q2#follow-up@0"], predictions.Select(p => p.Id));
        Assert.Equal([0.0, 0.5], report.FollowUpsByContextWeight.Select(w => w.Weight));
        Assert.All(report.FollowUpsByContextWeight, w => Assert.Equal(1, w.Figures.Count));
        Assert.Equal(ContextWeightRule.Choose(report.FollowUpsByContextWeight), report.ChosenContextWeight);
        Assert.Contains("follow-ups by context weight", report.ToString(), StringComparison.Ordinal);
    }
}
