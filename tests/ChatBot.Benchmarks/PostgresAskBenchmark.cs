using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
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
/// same questions; its ask p50 is set against SQLite's at that size from this run (goal: within 1.5×). PostgreSQL
/// ranks with <c>ts_rank</c> over the GIN index (no in-memory BM25), and its term statistics are counted per term
/// and cached until a change.
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
                var asks = new AskBenchmark(
                    services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                    services.GetRequiredService<RetrievalService>(),
                    store,
                    index,
                    services.GetRequiredService<ExtractiveAnswerer>(),
                    services.GetRequiredService<IOptions<SearchOptions>>(),
                    null);
                var timed = await asks.RunAsync(questions, warmups, before: false, cancellationToken);
                var p50 = asks.LastAskP50;
                rows.Add(new(
                    $"PostgreSQL: ask p50 at {index.Count:N0} chunks vs SQLite's at the same size (this run)",
                    sqliteP50 is { } sqlite ? $"{Ms(p50)} vs {Ms(sqlite)} = {F(p50 / sqlite, "F2")}×" : $"{Ms(p50)} (no SQLite size {size:N0} in this run)",
                    sqliteP50 is { } baseline ? Goal(p50 <= 1.5 * baseline, "≤ 1.5× SQLite") : string.Empty));
                rows.AddRange(timed.Select(r => r with { Measure = "  PostgreSQL: " + r.Measure.TrimStart() }));
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
