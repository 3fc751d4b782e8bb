using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// Keeps this replica's in-memory vector index (and BM25 index, with <paramref name="lexical"/>) current with what
/// other replicas ingest or delete: every Storage:ChangePollSeconds it reads the change log after the last position it
/// applied (starting at the snapshot the index was loaded from) and reloads or removes each changed article's vectors
/// and full-text rows.
/// </summary>
public sealed class ArticleChangePollService(
    PostgresArticleStore store,
    VectorIndex index,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<ArticleChangePollService> logger,
    PostgresLexicalSearch? lexical = null) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _position;

    /// <summary>The last change-log position applied; null before the first poll.</summary>
    public long? Position => _position;

    /// <summary>Applies every change committed since the last poll; returns how many changes were read.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _position ??= store.IndexSnapshotSequence ?? await store.GetChangeHeadAsync(cancellationToken);
            var total = 0;
            while (true)
            {
                var changes = await store.ReadChangesAsync(_position.Value, BatchSize, cancellationToken);
                if (changes.Count == 0)
                {
                    return total;
                }

                var (reloaded, removed) = await ApplyAsync(changes, cancellationToken);
                _position = changes[^1].Sequence;
                total += changes.Count;
                PostgresLog.ChangesApplied(logger, changes.Count, reloaded, removed, _position.Value);
                if (changes.Count < BatchSize)
                {
                    return total;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ChangePollSeconds);
        PostgresLog.ChangePollStarted(logger, options.Value.ChangePollSeconds, store.IndexSnapshotSequence ?? 0);
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                PostgresLog.ChangePollFailed(logger, ex.Message);
            }
        }
    }

    private async Task<(int Reloaded, int Removed)> ApplyAsync(IReadOnlyList<ArticleChange> changes, CancellationToken cancellationToken)
    {
        // A change only says "look again": the article's current rows decide. This replica's own writes are already in its index.
        var articleIds = changes.Where(c => c.Origin != store.InstanceId).Select(c => c.ArticleId).Distinct().ToList();
        if (articleIds.Count == 0)
        {
            return (0, 0);
        }

        // One query for every changed article's current vectors; a deleted (or since re-deleted) one has none.
        var stored = await store.ReadArticleEmbeddingsAsync(articleIds, cancellationToken);
        var byArticle = stored.ToLookup(s => s.ArticleId);
        var reloaded = 0;
        var removed = 0;
        foreach (var articleId in articleIds)
        {
            index.RemoveArticle(articleId);
            foreach (var vector in byArticle[articleId])
            {
                index.Add(vector.ChunkId, vector.ArticleId, vector.Library, vector.Vector);
            }

            if (byArticle[articleId].Any())
            {
                reloaded++;
            }
            else
            {
                removed++;
            }
        }

        if (lexical is not null)
        {
            await lexical.ReloadArticlesAsync(articleIds, cancellationToken);
        }

        return (reloaded, removed);
    }
}
