using System.Globalization;
using Npgsql;

namespace ChatBot.Soak;

/// <summary>
/// Checks a PostgreSQL store (the bot's tables in one database) on its own connection, as <see cref="StoreChecker"/>
/// does for SQLite: amcheck on every B-tree index (with heapallindexed: every row is in its indexes), orphans of every
/// foreign key of the schema, every chunk's stored tsvector equal to the one its title and text give, every chunk a
/// 384-d vector without NULL or NaN, articles' chunk_count, the change log's last word on every article ("saved"), and
/// the hosts' vector index counts against the chunks.
/// </summary>
public static class PostgresStoreChecker
{
    private const string ForeignKeysSql = """
        SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
            ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n),
            ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
        ORDER BY c.conname
        """;

    private const string BtreeIndexesSql = """
        SELECT c.oid::regclass::text FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_am am ON am.oid = c.relam
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE am.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid AND i.indisready
        ORDER BY 1
        """;

    public static async Task<StoreCheck> CheckAsync(string connectionString, IReadOnlyList<int>? vectorIndexCounts, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var integrity = await AmcheckAsync(connection, cancellationToken);
        var (keys, orphans) = await ForeignKeyOrphansAsync(connection, cancellationToken);
        return new StoreCheck(
            integrity,
            (int)orphans,
            await ScalarAsync(connection, "SELECT count(*) FROM articles", cancellationToken),
            await ScalarAsync(connection, "SELECT count(*) FROM chunks", cancellationToken),
            await ScalarAsync(connection, """
                SELECT count(*) FROM chunks
                WHERE tsv IS NOT NULL
                  AND tsv = (setweight(to_tsvector('english'::regconfig, title), 'B') || setweight(to_tsvector('english'::regconfig, text), 'A'))
                """, cancellationToken),
            await ScalarAsync(connection, $"""
                SELECT count(*) FROM chunks
                WHERE embedding IS NULL OR array_ndims(embedding) IS DISTINCT FROM 1 OR cardinality(embedding) <> {StoreChecker.Dimensions}
                   OR array_position(embedding, NULL) IS NOT NULL OR 'NaN'::real = ANY (embedding)
                """, cancellationToken),
            await ScalarAsync(connection, "SELECT count(*) FROM articles a WHERE a.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.article_id = a.id)", cancellationToken),
            vectorIndexCounts is [var first, ..] ? first : null)
        {
            Storage = SoakStorage.Postgres,
            ForeignKeysChecked = keys,
            ArticlesWithoutSavedChange = await ScalarAsync(connection, """
                SELECT count(*) FROM articles a
                WHERE (SELECT ch.kind FROM article_changes ch WHERE ch.article_id = a.id ORDER BY ch.seq DESC LIMIT 1) IS DISTINCT FROM 'saved'
                """, cancellationToken),
            OtherVectorIndexCounts = vectorIndexCounts is null ? [] : [.. vectorIndexCounts.Skip(1)],
        };
    }

    /// <summary>How many articles the store holds; 0 while its tables do not exist yet or the server is unreachable.</summary>
    public static async Task<long> CountArticlesAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return await ScalarAsync(connection, "SELECT count(*) FROM articles", cancellationToken);
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }

    /// <summary>"ok" when bt_index_check passes on every B-tree index; "n/a (…)" when amcheck cannot be installed here.</summary>
    private static async Task<string> AmcheckAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS amcheck", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            return "n/a (amcheck: " + ex.MessageText + ")";
        }

        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand(BtreeIndexesSql, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        foreach (var index in indexes)
        {
            try
            {
                await using var check = new NpgsqlCommand("SELECT bt_index_check(@index::regclass, true)", connection);
                check.Parameters.AddWithValue("index", index);
                await check.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                return $"{index}: {ex.MessageText}";
            }
        }

        return "ok";
    }

    /// <summary>For every foreign key of the schema, the child rows whose (non-null) key has no parent row.</summary>
    private static async Task<(int Keys, long Orphans)> ForeignKeyOrphansAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var queries = new List<string>();
        await using (var list = new NpgsqlCommand(ForeignKeysSql, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var child = reader.GetString(1);
                var parent = reader.GetString(2);
                var childColumns = reader.GetFieldValue<string[]>(3);
                var parentColumns = reader.GetFieldValue<string[]>(4);
                var notNull = string.Join(" AND ", childColumns.Select(c => $"ch.{c} IS NOT NULL"));
                var join = string.Join(" AND ", childColumns.Zip(parentColumns, (c, p) => $"p.{p} = ch.{c}"));
                queries.Add($"SELECT count(*) FROM {child} ch WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {join})");
            }
        }

        long orphans = 0;
        foreach (var query in queries)
        {
            orphans += await ScalarAsync(connection, query, cancellationToken);
        }

        return (queries.Count, orphans);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
