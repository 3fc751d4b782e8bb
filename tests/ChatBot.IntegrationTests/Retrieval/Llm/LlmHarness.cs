using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Llm;
using ChatBot.Retrieval.Llm;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Text;
using ChatBot.TestKit.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatBot.IntegrationTests.Retrieval.Llm;

/// <summary>
/// The LLM decorator as AddLlm composes it, Semantic Kernel's real OpenAI connector talking to the fake server,
/// over fixed passages (no embedding model) and a mocked inner service for summaries and fallbacks.
/// </summary>
public sealed class LlmHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LlmHarness(FakeOpenAiServer server, ServiceProvider services, FakePassages passages, Mock<IRetrievalService> inner, Mock<IArticleStore> store, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        Logs = logs;
        Server = server;
        _services = services;
        Passages = passages;
        Inner = inner;
        Store = store;
        Time = time;
        Service = ActivatorUtilities.CreateInstance<LlmRetrievalService>(services, inner.Object);
    }

    public FakeOpenAiServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public FakePassages Passages { get; }

    public Mock<IRetrievalService> Inner { get; }

    public Mock<IArticleStore> Store { get; }

    public FakeTimeProvider Time { get; }

    public LlmRetrievalService Service { get; }

    public IServiceProvider Services => _services;

    public static async Task<LlmHarness> StartAsync(IDictionary<string, string?>? overrides = null, Func<FakeOpenAiServer, IDictionary<string, string?>>? configure = null)
    {
        var server = await FakeOpenAiServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAI",
            ["Llm:Endpoint"] = server.BaseUrl.ToString(),
            ["Llm:Model"] = "test-model",
            ["Llm:ApiKey"] = "test-key",
            ["Llm:TimeoutSeconds"] = "30",
            ["Llm:MaxRetries"] = "0",
        };
        foreach (var (key, value) in configure?.Invoke(server) ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var passages = new FakePassages();
        var inner = new Mock<IRetrievalService>(MockBehavior.Strict);
        var store = new Mock<IArticleStore>(MockBehavior.Strict);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ExtractiveAnswerer>()
            .AddSingleton(store.Object)
            .AddSingleton<IPassageRetriever>(passages);
        services.AddOptions<SearchOptions>();
        services.AddLlm(configuration);
        return new LlmHarness(server, services.BuildServiceProvider(validateScopes: true), passages, inner, store, time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static Passage Passage(long articleId, string title, string text, double score = 0.5) =>
        new(
            new Chunk(articleId * 100, articleId, 0, text, 0, SentenceSplitter.Split(text)),
            new Article(articleId, "test:" + articleId, title, "https://example.test/" + articleId, null, null, DateTimeOffset.UnixEpoch, "hash" + articleId, 1),
            new SearchCandidate(articleId * 100, articleId, score, 1, 1, score, 0.6f));

    /// <summary>Three passages about renewables; the question below is answerable from the first.</summary>
    public void UseEnergyPassages()
    {
        Passages.Items =
        [
            Passage(1, "Solar in Spain", "Spain installed eight gigawatts of new solar panels in 2024. The growth came from falling panel prices and faster permits."),
            Passage(2, "Wind in Denmark", "Denmark produced more than half of its electricity from wind turbines in 2024. Offshore farms supplied most of it."),
            Passage(3, "Grid storage", "Battery storage on the grid doubled in 2024. Batteries smooth the output of solar and wind plants."),
        ];
    }

    public const string EnergyQuestion = "How much solar did Spain install in 2024?";
}

/// <summary>Fixed passages instead of hybrid search; records the questions retrieval was asked.</summary>
public sealed class FakePassages : IPassageRetriever
{
    public IReadOnlyList<Passage> Items { get; set; } = [];

    public List<string> Questions { get; } = [];

    public Task<(IReadOnlyList<Passage> Passages, TermWeights Weights)> RetrievePassagesAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, int count, CancellationToken cancellationToken)
    {
        Questions.Add(question);
        var tokens = HybridSearcher.QueryTerms(question);
        var weights = TermWeights.From(tokens, tokens.Distinct().ToDictionary(t => t, _ => 1), 10);
        return Task.FromResult<(IReadOnlyList<Passage>, TermWeights)>((Items.Take(count).ToList(), weights));
    }
}
