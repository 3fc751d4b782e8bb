using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// BM25 for the SQLite store from <see cref="LexicalIndex"/> instead of FTS5's <c>bm25()</c> (which scores every
/// row holding a query term), over <see cref="LexicalSearch"/>: loaded from <c>chunks_fts</c> in one pass (FTS5
/// answers, with the same hits, until it is ready), then kept in step by the store after each committed save or
/// delete. A query with a term FTS5 turns into several tokens (a phrase) or none is left to FTS5.
/// With <paramref name="snapshotPath"/> the load reads the index's cold-start snapshot there when it matches the store
/// (LexicalIndex.Snapshot.cs), and <see cref="SaveSnapshotAsync"/> writes it (at a clean stop).
/// </summary>
public sealed class SqliteLexicalSearch(SqliteConnectionFactory connections, IOptions<SearchOptions> options, string? snapshotPath = null) : LexicalSearch(options)
{
    private bool _snapshotOnDisk;

    public Fts5Tokens Tokens { get; } = new();

    /// <summary>Whether the last load read the snapshot (else FTS5's rows).</summary>
    public bool LoadedFromSnapshot { get; private set; }

    /// <summary>
    /// Writes the snapshot (unless the one on disk is current) when the index is loaded and holds exactly what the store
    /// holds; false when there is no snapshot path, the index is not loaded, or another writer changed the store.
    /// </summary>
    public async Task<bool> SaveSnapshotAsync(CancellationToken cancellationToken)
    {
        if (snapshotPath is null || !Loaded)
        {
            return false;
        }

        await Gate.WaitAsync(cancellationToken);
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
            Gate.Release();
        }
    }

    /// <summary>After a committed save: the article's rows are replaced (tokens from FTS5's tokenizer).</summary>
    public Task ReplaceArticleAsync(long articleId, string library, string title, IReadOnlyList<(long ChunkId, string Text)> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return ReplaceArticlesAsync([articleId], chunks.Select(c => new LexicalRow(c.ChunkId, articleId, library, Tokens.Row(title, c.Text))).ToList());
    }

    protected override ValueTask<IReadOnlyList<IReadOnlyList<string>?>> QueryTokensAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<IReadOnlyList<string>?>>(terms.Select(t => Tokens.Term(t) is { } token ? new[] { token } : null).ToList());

    protected override async Task LoadCoreAsync(CancellationToken cancellationToken)
    {
        LoadedFromSnapshot = await TryLoadSnapshotAsync(cancellationToken);
        if (!LoadedFromSnapshot)
        {
            await LoadFromFts5Async(cancellationToken);
        }
    }

    protected override void OnChanging()
    {
        if (_snapshotOnDisk)
        {
            File.Delete(snapshotPath!);
            _snapshotOnDisk = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Tokens.Dispose();
        }

        base.Dispose(disposing);
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
