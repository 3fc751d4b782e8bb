using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// What both dialects do the same with their in-memory BM25 (<see cref="LexicalIndex"/>, MaxScore): load it once in the
/// background (started at start-up or by the first search; the store's own full-text search answers until it is
/// ready, and a failed load is retried by the next call), answer searches and the answerer's term statistics from it,
/// and keep it in step with every committed change (<see cref="ReplaceArticlesAsync"/>, <see cref="RemoveArticleAsync"/>)
/// under one gate, so a change that arrives during the load is applied after it. The dialect says how a query term
/// becomes tokens (<see cref="QueryTokensAsync"/>) and how the index is loaded (<see cref="LoadCoreAsync"/>).
/// <c>Search:InMemoryLexical=false</c> turns it off.
/// </summary>
public abstract class LexicalSearch(IOptions<SearchOptions> options) : IDisposable
{
    private readonly Lock _start = new();
    private volatile bool _loaded;
    private Task? _loading;
    private long _answered;

    public LexicalIndex Index { get; } = new();

    public bool Enabled => options.Value.InMemoryLexical;

    /// <summary>Whether the index is loaded (searches come from it).</summary>
    public bool Loaded => _loaded;

    /// <summary>Searches answered from the in-memory index (the rest went to the store's full-text search).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>How long the last load took.</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>Held by the load and by every change, so they apply in order.</summary>
    protected SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Starts loading the index in the background unless it is loaded or loading; a failed load is retried by the next call.</summary>
    public void StartLoading()
    {
        lock (_start)
        {
            if (_loaded || !Enabled || _loading is { IsCompleted: false })
            {
                return;
            }

            _loading = Task.Run(() => EnsureLoadedAsync(CancellationToken.None));
        }
    }

    /// <summary>Loads the index unless it is loaded (or turned off).</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded || !Enabled)
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await LoadCoreAsync(cancellationToken);
                _loaded = true;
                LoadTime = watch.Elapsed;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The best <paramref name="limit"/> rows of the library for the query terms when the index is on and loaded and
    /// the dialect can turn every term into index tokens; null to let the store's full-text search answer.
    /// </summary>
    public async Task<IReadOnlyList<LexicalHit>?> TrySearchAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        // The distinct terms with a letter or digit, in order: what the store's own query is made of.
        var phrases = new List<string>(terms.Count);
        foreach (var tokens in await QueryTokensAsync(ArticleStore.SearchableTerms(terms), cancellationToken))
        {
            if (tokens is null)
            {
                return null;
            }

            phrases.AddRange(tokens);
        }

        if (!_loaded)
        {
            StartLoading();
            return null;
        }

        Interlocked.Increment(ref _answered);
        return Index.Search(library, phrases, limit);
    }

    /// <summary>
    /// The library's chunk count and each term's document frequency in it, counted from the index when it is on and
    /// loaded and every term is at most one token (a term of none is in no row); null to count them in SQL.
    /// </summary>
    public async Task<(int ChunkCount, Dictionary<string, int> Frequencies)?> TryTermStatisticsAsync(string library, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!Enabled || !_loaded)
        {
            return null;
        }

        var tokens = await QueryTokensAsync(terms, cancellationToken);
        var single = new List<string>(terms.Count);
        foreach (var termTokens in tokens)
        {
            if (termTokens is not { Count: <= 1 })
            {
                return null;
            }

            single.Add(termTokens.Count == 0 ? string.Empty : termTokens[0]);
        }

        var (rows, counts) = Index.LibraryStatistics(library, single);
        var frequencies = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            frequencies[terms[i]] = single[i].Length == 0 ? 0 : counts[i];
        }

        return (rows, frequencies);
    }

    /// <summary>
    /// After a committed save (or another replica's): each article's rows are replaced by <paramref name="rows"/> (an
    /// article with none is removed). A no-op until the index is loaded, since the load reads them.
    /// </summary>
    public Task ReplaceArticlesAsync(IReadOnlyCollection<long> articleIds, IReadOnlyList<LexicalRow> rows)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        ArgumentNullException.ThrowIfNull(rows);
        return ChangeAsync(() =>
        {
            foreach (var articleId in articleIds)
            {
                Index.RemoveArticle(articleId);
            }

            foreach (var row in rows)
            {
                Index.Add(row.ChunkId, row.ArticleId, row.Library, row.Tokens);
            }
        });
    }

    /// <summary>After a committed delete.</summary>
    public Task RemoveArticleAsync(long articleId) => ChangeAsync(() => Index.RemoveArticle(articleId));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Index.Dispose();
            Gate.Dispose();
        }
    }

    /// <summary>Each term's tokens as the store's full-text index makes them (none: the term is in no row); null for a term the index cannot answer.</summary>
    protected abstract ValueTask<IReadOnlyList<IReadOnlyList<string>?>> QueryTokensAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken);

    /// <summary>Fills <see cref="Index"/> from the store (called holding <see cref="Gate"/>).</summary>
    protected abstract Task LoadCoreAsync(CancellationToken cancellationToken);

    /// <summary>Called holding <see cref="Gate"/> before a change is applied to the loaded index (e.g. to drop a snapshot that no longer holds).</summary>
    protected virtual void OnChanging()
    {
    }

    private async Task ChangeAsync(Action change)
    {
        // No cancellation: the store has committed, so the index must follow even if the caller gives up.
        await Gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_loaded)
            {
                OnChanging();
                change();
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>One full-text row: its chunk, article and library, and its tokens in order with their column (0 = title, 1 = text).</summary>
public sealed record LexicalRow(long ChunkId, long ArticleId, string Library, IReadOnlyList<(string Token, int Column)> Tokens);
