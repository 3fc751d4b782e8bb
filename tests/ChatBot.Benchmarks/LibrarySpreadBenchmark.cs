using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.AI;

namespace ChatBot.Benchmarks;

/// <summary>
/// Issue 16's measure, in the same run and on the same chunks: ask p50 with every chunk in one library, then with the
/// synthetic chunks spread over ten libraries (nine "bench-N" and the asked one), asking in the library that holds the
/// real articles. Filtering happens inside BM25 (FTS5 <c>library</c> column) and the vector scan, so its cost is the
/// second figure against the first, and the two filtered stages (BM25 top 50, vector scan top 50) are timed on their own
/// with the same query vectors; memory is the working set after a compacting GC in each state. The ask is also split into
/// its retrieval (hybrid search + chunks + articles: where the filter is) and its extractive answer (encoding the returned
/// passages' sentences: depends on which passages the library returns, not on the filter).
/// </summary>
public sealed class LibrarySpreadBenchmark(
    RetrievalService retrieval,
    IngestionPipeline pipeline,
    SqlDatabase database,
    IArticleStore store,
    VectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ExtractiveAnswerer answerer,
    int answerPassages)
{
    private const int PerList = 50;

    public const int Libraries = 10;

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(IReadOnlyList<string> questions, int chunks, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(progress);
        progress($"libraries: timing {questions.Count} questions with {chunks:N0} chunks in one library");
        var vectors = new List<float[]>(questions.Count);
        foreach (var question in questions)
        {
            vectors.Add((await embeddings.GenerateAsync([question], cancellationToken: cancellationToken))[0].Vector.ToArray());
        }

        await OptimizeFullTextAsync(cancellationToken);
        var (one, oneMb) = await TimeAsync(questions, cancellationToken);
        var (oneLexical, oneScan, oneRetrieve, oneAnswer) = await TimeStagesAsync(questions, vectors, cancellationToken);

        progress($"libraries: spreading the synthetic chunks over {Libraries} libraries");
        var watch = Stopwatch.StartNew();
        await SpreadAsync(cancellationToken);
        await OptimizeFullTextAsync(cancellationToken);
        await pipeline.LoadIndexAsync(cancellationToken);
        var asked = Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM chunks WHERE library = @library", [("library", LibraryNames.Local)], cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var spreadSeconds = watch.Elapsed.TotalSeconds;

        progress($"libraries: timing {questions.Count} questions with {chunks:N0} chunks over {Libraries} libraries ({asked:N0} in the asked one)");
        var (ten, tenMb) = await TimeAsync(questions, cancellationToken);
        var (tenLexical, tenScan, tenRetrieve, tenAnswer) = await TimeStagesAsync(questions, vectors, cancellationToken);
        var cost = ten / one - 1;
        var memory = tenMb / oneMb - 1;
        return
        [
            new($"ask p50 at {chunks:N0} chunks, one library", BenchFormat.Ms(one), string.Empty),
            new(
                $"ask p50 at {chunks:N0} chunks over {Libraries} libraries (asked in one of {asked:N0}; spread in {BenchFormat.F(spreadSeconds, "F0")} s)",
                $"{BenchFormat.Ms(ten)} = {BenchFormat.F(cost * 100, "+0.0;-0.0")} %",
                BenchFormat.Goal(cost <= 0.10, "filtering costs ≤ 10 %")),
            new("  stage: BM25 top-50 inside the library (FTS5), p50, one library → ten", $"{BenchFormat.Ms(oneLexical)} → {BenchFormat.Ms(tenLexical)}", string.Empty),
            new("  stage: vector scan top-50 inside the library, p50, one library → ten", $"{BenchFormat.Ms(oneScan)} → {BenchFormat.Ms(tenScan)}", string.Empty),
            new(
                "  stage: retrieve passages (hybrid search + chunks + articles), p50, one library → ten",
                $"{BenchFormat.Ms(oneRetrieve)} → {BenchFormat.Ms(tenRetrieve)} = {BenchFormat.F((tenRetrieve / oneRetrieve - 1) * 100, "+0.0;-0.0")} %",
                BenchFormat.Goal(tenRetrieve <= 1.10 * oneRetrieve, "the filtered retrieval costs ≤ 10 %")),
            new("  stage: extractive answer of those passages, p50, one library → ten", $"{BenchFormat.Ms(oneAnswer)} → {BenchFormat.Ms(tenAnswer)}", string.Empty),
            new(
                "  working set after a compacting GC, one library → ten",
                $"{BenchFormat.F(oneMb, "F0")} MB → {BenchFormat.F(tenMb, "F0")} MB = {BenchFormat.F(memory * 100, "+0.0;-0.0")} %",
                BenchFormat.Goal(Math.Abs(memory) <= 0.05, "within 5 %")),
        ];
    }

    private async Task<(double P50, double WorkingSetMb)> TimeAsync(IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        foreach (var warm in questions.Take(3))
        {
            await retrieval.AskAsync(LibraryNames.Local, warm, null, cancellationToken);
        }

        var times = new List<double>(questions.Count);
        foreach (var question in questions)
        {
            var watch = Stopwatch.StartNew();
            await retrieval.AskAsync(LibraryNames.Local, question, null, cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (BenchFormat.Percentile(times, 0.5), BenchFormat.WorkingSetMb());
    }

    private async Task<(double Lexical, double Scan, double Retrieve, double Answer)> TimeStagesAsync(IReadOnlyList<string> questions, List<float[]> vectors, CancellationToken cancellationToken)
    {
        var lexical = new List<double>(questions.Count);
        var scan = new List<double>(questions.Count);
        var retrieve = new List<double>(questions.Count);
        var answer = new List<double>(questions.Count);
        for (var i = 0; i < questions.Count; i++)
        {
            var terms = HybridSearcher.QueryTerms(questions[i]);
            var watch = Stopwatch.StartNew();
            await store.SearchLexicalAsync(LibraryNames.Local, terms, PerList, cancellationToken);
            lexical.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            index.Search(vectors[i], LibraryNames.Local, PerList);
            scan.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var (query, passages, weights, queryVector) = await retrieval.RetrieveAsync(LibraryNames.Local, questions[i], null, answerPassages, cancellationToken);
            retrieve.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await answerer.AnswerAsync(query, weights, passages, queryVector, cancellationToken);
            answer.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (BenchFormat.Percentile(lexical, 0.5), BenchFormat.Percentile(scan, 0.5), BenchFormat.Percentile(retrieve, 0.5), BenchFormat.Percentile(answer, 0.5));
    }

    /// <summary>
    /// Merges the FTS5 segments into one before each state is timed: the spread rewrites 90 % of the rows in place, which
    /// leaves a fragmented index a real library (rows inserted as articles come) would not have; merged, both states
    /// compare the filter, not the segment layout.
    /// </summary>
    private Task OptimizeFullTextAsync(CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO chunks_fts(chunks_fts) VALUES('optimize')", [], cancellationToken);

    /// <summary>Nine in ten synthetic articles (by id) move to "bench-1".."bench-9" with their chunks and full-text rows (SQLite).</summary>
    private async Task SpreadAsync(CancellationToken cancellationToken)
    {
        await database.ExecuteAsync(
            $"UPDATE articles SET library = 'bench-' || (id % {Libraries}) WHERE source LIKE 'bench:synthetic:%' AND id % {Libraries} <> 0", [], cancellationToken);
        await database.ExecuteAsync(
            "UPDATE chunks SET library = (SELECT a.library FROM articles a WHERE a.id = chunks.article_id) WHERE article_id IN (SELECT id FROM articles WHERE library LIKE 'bench-%')", [], cancellationToken);
        await database.ExecuteAsync(
            "UPDATE chunks_fts SET library = (SELECT c.library FROM chunks c WHERE c.id = chunks_fts.rowid) WHERE rowid IN (SELECT id FROM chunks WHERE library LIKE 'bench-%')", [], cancellationToken);
    }
}
