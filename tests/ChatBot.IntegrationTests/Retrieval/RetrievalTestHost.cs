using System.Net;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval;

/// <summary>The real retrieval services over a temp SQLite file, with a fake embedder (and optionally a narrower SSRF rule).</summary>
public sealed class RetrievalTestHost : IAsyncDisposable
{
    private RetrievalTestHost(ServiceProvider services, string directory, FakeEmbeddingGenerator embeddings)
    {
        Services = services;
        Directory = directory;
        Embeddings = embeddings;
    }

    public ServiceProvider Services { get; }

    public string Directory { get; }

    public FakeEmbeddingGenerator Embeddings { get; }

    public IngestionPipeline Pipeline => Services.GetRequiredService<IngestionPipeline>();

    public IArticleStore Store => Services.GetRequiredService<IArticleStore>();

    public static async Task<RetrievalTestHost> CreateAsync(
        FakeEmbeddingGenerator? embeddings = null,
        IDictionary<string, string?>? settings = null,
        Func<IPAddress, bool>? isBlocked = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chatbot-test-" + Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = directory,
            ["Ingestion:SeedsDirectory"] = Path.Combine(directory, "no-seeds"),
            ["Ingestion:AllowPrivateNetworks"] = "true",
            ["Ingestion:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var generator = embeddings ?? new FakeEmbeddingGenerator();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator);
        if (isBlocked is not null)
        {
            services.AddSingleton(sp => new GuardedHttpClient(
                sp.GetRequiredService<IOptions<IngestionOptions>>(), sp.GetRequiredService<ILogger<GuardedHttpClient>>(), isBlocked));
        }

        services.AddRetrieval(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new RetrievalTestHost(provider, directory, generator);
    }

    /// <summary>(articles, chunks, FTS rows) as the database holds them.</summary>
    public async Task<(long Articles, long Chunks, long FtsRows)> CountRowsAsync()
    {
        await using var connection = await Services.GetRequiredService<SqliteConnectionFactory>().OpenAsync(CancellationToken.None);
        async Task<long> CountAsync(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM " + table;
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await CountAsync("articles"), await CountAsync("chunks"), await CountAsync("chunks_fts"));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
