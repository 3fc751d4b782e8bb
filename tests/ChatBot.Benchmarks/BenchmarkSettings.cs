namespace ChatBot.Benchmarks;

/// <summary>Inputs of <see cref="BenchmarkRunner"/>.</summary>
/// <param name="SquadDirectory">SQuAD v1.1 dev (articles.jsonl, questions.jsonl): the real passages and questions.</param>
/// <param name="SciFactDirectory">SciFact (corpus.jsonl): the abstracts the encode-vs-ingest comparison runs on.</param>
/// <param name="SeedsDirectory">The seeds folder indexed by the cold start.</param>
/// <param name="Sizes">Index sizes (chunks) at which ask latency is measured, ascending.</param>
/// <param name="Questions">Questions timed at each size.</param>
/// <param name="IngestChunks">Chunks in the encode-vs-ingest comparison.</param>
/// <param name="RealChunks">Real chunks embedded with MiniLM (ingest set included) that synthetic growth copies.</param>
/// <param name="Libraries">At the largest size, also time asks with the chunks spread over ten libraries (<see cref="LibrarySpreadBenchmark"/>).</param>
/// <param name="Postgres">A PostgreSQL connection string: also time asks on the PostgreSQL provider at <paramref name="PostgresSize"/> chunks (<see cref="PostgresAskBenchmark"/>).</param>
/// <param name="PostgresSize">The size of the PostgreSQL measurement (set against SQLite's at the same size).</param>
/// <param name="BeforeUpTo">Sizes up to this also time the old paths (FTS5 <c>bm25()</c>, exact float scan) and compare with FTS5.</param>
public sealed record BenchmarkSettings(
    string SquadDirectory,
    string SciFactDirectory,
    string? SeedsDirectory,
    IReadOnlyList<int> Sizes,
    int Questions,
    int IngestChunks,
    int RealChunks,
    bool Libraries = false,
    int BeforeUpTo = 100_000,
    string? Postgres = null,
    int PostgresSize = 100_000);
