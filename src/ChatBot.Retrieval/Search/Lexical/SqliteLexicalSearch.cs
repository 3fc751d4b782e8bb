using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// BM25 for the SQLite store from <see cref="LexicalIndex"/> instead of FTS5's <c>bm25()</c> (which scores every
/// row holding a query term): loaded from <c>chunks_fts</c> in one pass in the background (started at start-up or by
/// the first search; FTS5 answers, with the same hits, until it is ready), then kept in step by the store after each
/// committed save or delete. A query with a term FTS5 turns into several tokens (a phrase)
/// or none is left to FTS5 (<see cref="TrySearch"/> says no). <c>Search:InMemoryLexical=false</c> turns it off.
/// With <paramref name="snapshotPath"/> the load reads the index's cold-start snapshot there when it matches the store
/// (LexicalIndex.Snapshot.cs), and <see cref="SaveSnapshotAsync"/> writes it (at a clean stop).
/// </summary>
public sealed class SqliteLexicalSearch(SqliteConnectionFactory connections, IOptions<SearchOptions> options, string? snapshotPath = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _loaded;
    private readonly Lock _start = new();
    private Task? _loading;
    private long _answered;

    public LexicalIndex Index { get; } = new();

    public Fts5Tokens Tokens { get; } = new();

    public bool Enabled => options.Value.InMemoryLexical;

    /// <summary>Searches answered from the in-memory index (the rest went to FTS5).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>How long the last load took.</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>Whether the last load read the snapshot (else FTS5's rows).</summary>
    public bool LoadedFromSnapshot { get; private set; }

    private bool _snapshotOnDisk;

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

    /// <summary>Loads the index from <c>chunks_fts</c> unless it is loaded (or turned off).</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded || !Enabled)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                LoadedFromSnapshot = await TryLoadSnapshotAsync(cancellationToken);
                if (!LoadedFromSnapshot)
                {
                    await LoadFromFts5Async(cancellationToken);
                }

                _loaded = true;
                LoadTime = watch.Elapsed;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes the snapshot (unless the one on disk is current) when the index is loaded and holds exactly what the store
    /// holds; false when there is no snapshot path, the index is not loaded, or another writer changed the store.
    /// </summary>
    public async Task<bool> SaveSnapshotAsync(CancellationToken cancellationToken)
    {
        if (snapshotPath is null || !_loaded)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshotOnDisk)
            {
                return true;
            }

            var fingerprint = await IndexFingerprint.ReadAsync(connections, cancellationToken);
            if (!fingerprint.HasRowsOf(Index.Fingerprint))
            {
                return false;
            }

            var temporary = snapshotPath + ".tmp";
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Index.Save(stream, fingerprint);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, snapshotPath, overwrite: true);
            _snapshotOnDisk = true;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The hits when every term is one FTS5 token and the index is on and loaded; null to let FTS5 answer.</summary>
    public async Task<IReadOnlyList<LexicalHit>?> TrySearchAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        // The same phrases FTS5 gets from the store's query: the distinct terms with a letter or digit, in order.
        var phrases = new List<string>(terms.Count);
        foreach (var term in ArticleStore.SearchableTerms(terms))
        {
            if (Tokens.Term(term) is not { } token)
            {
                return null;
            }

            phrases.Add(token);
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
    /// The library's chunk count and each term's document frequency in it, counted from the index (the same figures as
    /// FTS5's count of the term's rows) when it is on and loaded and every term is one FTS5 token; null to count with FTS5.
    /// </summary>
    public (int ChunkCount, Dictionary<string, int> Frequencies)? TryTermStatistics(string library, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!Enabled || !_loaded)
        {
            return null;
        }

        var tokens = new string[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            if (Tokens.Term(terms[i]) is not { } token)
            {
                return null;
            }

            tokens[i] = token;
        }

        var (rows, counts) = Index.LibraryStatistics(library, tokens);
        var frequencies = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            frequencies[terms[i]] = counts[i];
        }

        return (rows, frequencies);
    }

    /// <summary>After a committed save: the article's rows are replaced (a no-op until the index is loaded, since the load reads them).</summary>
    public async Task ReplaceArticleAsync(long articleId, string library, string title, IReadOnlyList<(long ChunkId, string Text)> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await ChangeAsync(() =>
        {
            Index.RemoveArticle(articleId);
            foreach (var (chunkId, text) in chunks)
            {
                Index.Add(chunkId, articleId, library, Tokens.Row(title, text));
            }
        });
    }

    /// <summary>After a committed delete.</summary>
    public Task RemoveArticleAsync(long articleId) => ChangeAsync(() => Index.RemoveArticle(articleId));

    public void Dispose()
    {
        Index.Dispose();
        Tokens.Dispose();
        _gate.Dispose();
    }

    private async Task ChangeAsync(Action change)
    {
        // No cancellation: the store has committed, so the index must follow even if the caller gives up.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_loaded)
            {
                if (_snapshotOnDisk)
                {
                    File.Delete(snapshotPath!);
                    _snapshotOnDisk = false;
                }

                change();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> TryLoadSnapshotAsync(CancellationToken cancellationToken)
    {
        if (snapshotPath is null || !File.Exists(snapshotPath))
        {
            return false;
        }

        var fingerprint = await IndexFingerprint.ReadAsync(connections, cancellationToken);
        try
        {
            await using var stream = new FileStream(snapshotPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return _snapshotOnDisk = Index.TryLoad(stream, fingerprint);
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException or ArgumentException)
        {
            return false; // a damaged snapshot: FTS5's rows rebuild the index
        }
    }

    private async Task LoadFromFts5Async(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = connection.Command("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_fts_instances USING fts5vocab(main, chunks_fts, instance)", [], transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        Index.Load(Read(connection, transaction, "SELECT id, article_id, library FROM chunks ORDER BY id", r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2))),
            Read(connection, transaction, "SELECT term, doc, col FROM temp.chunks_fts_instances", r => (r.GetString(0), r.GetInt64(1), r.GetString(2) == "title" ? 0 : 1)));
    }

    private static IEnumerable<T> Read<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }
}
