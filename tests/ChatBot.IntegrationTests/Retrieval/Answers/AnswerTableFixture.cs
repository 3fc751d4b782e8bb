using ChatBot.Core.Model;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>
/// The real retrieval services with the real MiniLM model (shipped in its NuGet package, no network) over a temp
/// SQLite file holding the seed article, the Quokka Bridge Festival article and the Zorblax00/05/10 articles
/// (Zorblax40 is deliberately absent). Another folder of fixture articles makes another library (<see cref="QaFindingsFixture"/>).
/// </summary>
public class AnswerTableFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatbot-answers-" + Guid.NewGuid().ToString("N"));
    private readonly string _folder;
    private ServiceProvider? _services;

    public AnswerTableFixture()
        : this("Fixtures")
    {
    }

    protected AnswerTableFixture(string folder) => _folder = folder;

    public RetrievalService Retrieval => _services!.GetRequiredService<RetrievalService>();

    /// <summary>A question asked alone (no conversation) in <paramref name="library"/>, through the one answer path.</summary>
    public Task<Answer> AskAsync(string question, string library = "local") => Retrieval.AskAsync(library, question, null, CancellationToken.None);

    /// <summary>The answer's first quoted sentence.</summary>
    public static string First(Answer answer) => Assert.IsAssignableFrom<IReadOnlyList<string>>(answer.Sentences)[0];

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _directory,
            ["Ingestion:SeedsDirectory"] = Path.Combine(_directory, "no-seeds"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRetrieval(configuration);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        var pipeline = _services.GetRequiredService<IngestionPipeline>();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Retrieval", "Answers", _folder);
        foreach (var file in Directory.GetFiles(fixtures, "*.txt").Append(SeedArticle()))
        {
            var results = await pipeline.IngestAsync("local", file, CancellationToken.None);
            Assert.All(results, r => Assert.NotNull(r.Article));
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>The seed article of the repository (seeds/000_…txt).</summary>
    public static string SeedArticle()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var seed = Path.Combine(directory.FullName, "seeds", "000_7a399d46076fab90.txt");
            if (File.Exists(seed))
            {
                return seed;
            }
        }

        throw new FileNotFoundException("seeds/000_7a399d46076fab90.txt was not found above " + AppContext.BaseDirectory);
    }
}
