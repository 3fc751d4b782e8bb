using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// The PostgreSQL provider at one size (<c>--postgres "connection string" --postgres-size 100000</c>), in the same run
/// as the SQLite sizes: a host on a schema of its own on that server (dropped afterwards) ingests the same real
/// articles through its own pipeline (MiniLM), grows with the same kind of synthetic copies to the size, and times the
/// same questions; its ask p50 is set against SQLite's at that size from this run (goal: within 1.5×). "Before" in the
/// same run is the store without its in-memory BM25 index: <c>ts_rank</c> over the GIN index and term statistics
/// counted per term in SQL (cached until a change); the vector search is the same both ways.
/// </summary>
public static class PostgresAskBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(
        string connectionString, int size, IReadOnlyList<ArticleDraft> realArticles, IReadOnlyList<string> questions, IReadOnlyList<string> warmups,
        double? sqliteP50, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(connectionString, $"CREATE SCHEMA {schema}", cancellationToken);
        var scoped = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString();
        var rows = new List<BenchmarkRow>();
        try
        {
            string[] configuration = ["--Storage:Provider=Postgres", "--Storage:ConnectionString=" + scoped, "--Ingestion:SeedsDirectory="];
            var exit = await CliHost.WithRetrievalAsync(configuration, ConsoleIo.Standard(), Console.Error, verbose: false, async (services, _) =>
            {
                var index = services.GetRequiredService<VectorIndex>();
                var store = services.GetRequiredService<IArticleStore>();
                progress($"PostgreSQL: ingesting the {realArticles.Count} real articles");
                await services.GetRequiredService<IngestionPipeline>().IngestDraftsAsync(realArticles, cancellationToken);
                var corpus = await SyntheticCorpus.FromStoreAsync(store, index, new Random(42), cancellationToken);
                var growth = System.Diagnostics.Stopwatch.StartNew();
                await corpus.GrowAsync(size, count => progress($"  PostgreSQL: {count:N0} chunks"), cancellationToken);
                rows.Add(new($"PostgreSQL: index grown to {index.Count:N0} chunks (the same kind of copies, via SaveAsync + VectorIndex.Add)", $"{F(growth.Elapsed.TotalSeconds, "F1")} s", string.Empty));
                progress($"PostgreSQL: timing {questions.Count} questions at {index.Count:N0} chunks");
                var connections = services.GetRequiredService<PostgresConnectionFactory>();
                var lexical = services.GetRequiredService<PostgresLexicalSearch>();
                var searchOptions = services.GetRequiredService<IOptions<SearchOptions>>();
                await lexical.EnsureLoadedAsync(cancellationToken);
                var asks = new AskBenchmark(
                    services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                    services.GetRequiredService<RetrievalService>(),
                    store,
                    index,
                    services.GetRequiredService<ExtractiveAnswerer>(),
                    searchOptions,
                    new PostgresArticleStore(connections, TimeProvider.System),
                    inMemory => inMemory ? new PostgresArticleStore(connections, TimeProvider.System, lexical) : new PostgresArticleStore(connections, TimeProvider.System),
                    lexicalOnlyBefore: true);
                var timed = await asks.RunAsync(questions, warmups, before: true, cancellationToken);
                var p50 = asks.LastAskP50;
                rows.Add(new(
                    $"PostgreSQL: ask p50 at {index.Count:N0} chunks vs SQLite's at the same size (this run)",
                    sqliteP50 is { } sqlite ? $"{Ms(p50)} vs {Ms(sqlite)} = {F(p50 / sqlite, "F2")}×" : $"{Ms(p50)} (no SQLite size {size:N0} in this run)",
                    sqliteP50 is { } baseline ? Goal(p50 <= 1.5 * baseline, "≤ 1.5× SQLite") : string.Empty));
                rows.AddRange(timed.Select(r => r with { Measure = "  PostgreSQL: " + r.Measure.TrimStart() }));
                progress("PostgreSQL: the lexical index against BM25 in SQL");
                rows.AddRange(await PostgresLexicalRows.MeasureAsync(lexical, connections, questions, searchOptions, 3, cancellationToken));
                return 0;
            }, cancellationToken);
            if (exit != 0)
            {
                rows.Add(new("PostgreSQL", $"the host did not start (exit {exit})", string.Empty));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None);
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
