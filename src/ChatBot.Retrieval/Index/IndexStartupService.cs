using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// Before anything else runs: applies the schema, loads the vectors into memory (and starts loading the SQLite BM25 index in the background), and indexes seeds/
/// (unchanged seeds are skipped by content hash) into <c>Libraries:Default</c>. Runs in StartAsync so nothing answers
/// before it is ready. At a clean stop it writes the cold-start snapshots (<c>Storage:ColdStartSnapshots</c>), so the
/// next start reads the vector ids and codes and the BM25 index in one pass each instead of rebuilding them.
/// </summary>
public sealed class IndexStartupService(
    ISchemaMigrator migrator,
    IngestionPipeline pipeline,
    IArticleStore store,
    VectorIndex index,
    IOptions<IngestionOptions> options,
    IOptions<LibraryOptions> libraries,
    IOptions<StorageOptions> storage,
    ILogger<IndexStartupService> logger) : IHostedService
{
    public const string SeedSourcePrefix = "seed:";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await pipeline.LoadIndexAsync(cancellationToken);
        // In the background: at 100k chunks the one pass over fts5vocab (or the tsvectors) takes seconds; the store's
        // own full-text search answers meanwhile.
        (store as ArticleStore)?.StartLexicalIndexLoad();

        var seeds = ResolveSeedsDirectory(options.Value.SeedsDirectory);
        if (seeds is null)
        {
            // An empty setting asks for no seeds: nothing to warn about.
            if (!string.IsNullOrWhiteSpace(options.Value.SeedsDirectory))
            {
                RetrievalLog.NoSeeds(logger, options.Value.SeedsDirectory);
            }

            return;
        }

        var results = await pipeline.IngestFolderAsync(
            libraries.Value.Default,
            seeds,
            path => SeedSourcePrefix + Path.GetRelativePath(seeds, path).Replace('\\', '/'),
            cancellationToken);
        RetrievalLog.Seeded(
            logger,
            results.Count(r => r.Outcome == IngestOutcome.Added),
            results.Count(r => r.Outcome == IngestOutcome.Updated),
            results.Count(r => r.Outcome == IngestOutcome.Unchanged),
            results.Count(r => r.Outcome == IngestOutcome.Failed),
            seeds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.ColdStartSnapshots)
        {
            var (vectors, lexical) = await SaveSnapshotsAsync(store, index, cancellationToken);
            RetrievalLog.SnapshotsSaved(logger, vectors, lexical);
        }
    }

    /// <summary>
    /// Writes the cold-start snapshots of the vector index (with a vector file) and of the SQLite BM25 index (when
    /// loaded); each is written only when it holds exactly what the store holds, and kept when already current.
    /// </summary>
    public static async Task<(bool Vectors, bool Lexical)> SaveSnapshotsAsync(IArticleStore store, VectorIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (store is not ArticleStore articles)
        {
            return (false, false);
        }

        var vectors = index.SnapshotPath is not null && index.SaveSnapshot(await articles.GetIndexFingerprintAsync(cancellationToken));
        var lexical = store is SqliteArticleStore sqlite && await sqlite.SaveLexicalSnapshotAsync(cancellationToken);
        return (vectors, lexical);
    }

    /// <summary>The seeds folder: as given, else beside the program (it ships a copy). Empty setting: no seeds.</summary>
    public static string? ResolveSeedsDirectory(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        if (!Path.IsPathRooted(configured))
        {
            var beside = Path.Combine(AppContext.BaseDirectory, configured);
            if (Directory.Exists(beside))
            {
                return beside;
            }
        }

        return null;
    }
}
