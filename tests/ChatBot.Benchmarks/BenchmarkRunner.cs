using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Evaluation;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// Speed and memory on this machine, in one run: cold start and ingest rates (<see cref="IngestBenchmark"/>); a real
/// base of SQuAD articles embedded with MiniLM; then for each size the index grown with perturbed copies
/// (<see cref="SyntheticCorpus"/>), ask latency with its stages (<see cref="AskBenchmark"/>), the int8 pre-filter's
/// recall and the BM25 index's figures; at the largest size memory after a compacting GC and a cold start of a new
/// process on the store (<see cref="ColdStartProbe"/>); with <c>--postgres</c>, the PostgreSQL provider at one size
/// (<see cref="PostgresAskBenchmark"/>).
/// </summary>
public sealed class BenchmarkRunner(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IngestionPipeline pipeline,
    RetrievalService retrieval,
    IArticleStore store,
    ISchemaMigrator migrator,
    VectorIndex index,
    Chunker chunker,
    ExtractiveAnswerer answerer,
    IOptions<SearchOptions> searchOptions,
    IOptions<IngestionOptions> ingestionOptions,
    HybridSearcher searcher,
    SqlDatabase database,
    SqliteLexicalSearch? lexical = null)
{
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        var random = new Random(42);
        var rows = new List<BenchmarkRow>(await new IngestBenchmark(embeddings, pipeline, migrator, chunker, ingestionOptions.Value).RunAsync(settings, progress, cancellationToken));

        // Real base: SQuAD articles embedded with MiniLM until the index holds RealChunks real chunks.
        var squad = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(Path.Combine(settings.SquadDirectory, "articles.jsonl"), cancellationToken);
        var questionsAll = await EvalFiles.ReadJsonLinesAsync<SquadQuestion>(Path.Combine(settings.SquadDirectory, "questions.jsonl"), cancellationToken);
        var squadDrafts = new List<ArticleDraft>();
        var planned = index.Count;
        foreach (var doc in squad.TakeWhile(_ => planned < settings.RealChunks))
        {
            var draft = IngestBenchmark.Draft("bench:squad:" + doc.Id, doc);
            squadDrafts.Add(draft);
            planned += chunker.Chunk(draft.Text).Count;
        }

        progress($"embedding {squadDrafts.Count} SQuAD articles (real base, {planned} chunks)");
        var watch = Stopwatch.StartNew();
        await pipeline.IngestDraftsAsync(squadDrafts, cancellationToken);
        rows.Add(new("real chunks embedded with MiniLM (SQuAD articles + SciFact abstracts + seeds)", $"{index.Count:N0} in {F(watch.Elapsed.TotalSeconds, "F0")} s", string.Empty));

        var inSquad = squadDrafts.Select(d => d.Source["bench:squad:".Length..]).ToHashSet(StringComparer.Ordinal);
        var questions = questionsAll.Where(q => q.ArticleId is not null && inSquad.Contains(q.ArticleId))
            .OrderBy(_ => random.Next()).Take(settings.Questions).Select(q => q.Question).ToList();
        var warmups = questionsAll.Where(q => q.ArticleId is not null && !inSquad.Contains(q.ArticleId)).Take(5).Select(q => q.Question).ToList();
        var claims = await EvalFiles.ReadJsonLinesAsync<SquadQuestion>(Path.Combine(settings.SciFactDirectory, "queries_test.jsonl"), cancellationToken);
        var questionVectors = await EmbedAsync(questions, cancellationToken);
        var recallQueries = new Dictionary<string, List<float[]>>(StringComparer.Ordinal)
        {
            [$"{questions.Count} SQuAD questions"] = questionVectors,
            [$"{claims.Count} SciFact claims"] = await EmbedAsync(claims.Select(c => c.Question).ToList(), cancellationToken),
        };

        var corpus = await SyntheticCorpus.FromStoreAsync(store, index, random, cancellationToken);

        // The old lexical path on the same file, for the before figures and the equality check.
        var fts = database is SqliteConnectionFactory sqlite ? new SqliteArticleStore(sqlite, TimeProvider.System) : null;
        Func<bool, IArticleStore>? freshStore = database is SqliteConnectionFactory files0 ? inMemory => new SqliteArticleStore(files0, TimeProvider.System, inMemory ? lexical : null) : null;
        var asks = new AskBenchmark(embeddings, retrieval, store, index, answerer, searchOptions, fts, freshStore, searcher);
        var askP50 = new Dictionary<int, double>();
        foreach (var size in settings.Sizes)
        {
            progress($"growing the index to {size:N0} chunks (working set {WorkingSetMb():F0} MB)");
            var (from, growth) = (index.Count, Stopwatch.StartNew());
            await corpus.GrowAsync(size, count => progress($"  {count:N0} chunks, {F((count - from) / growth.Elapsed.TotalSeconds, "F0")} chunks/s (working set {WorkingSetMb():F0} MB)"), cancellationToken);
            rows.Add(new(
                $"index grown to {index.Count:N0} chunks (perturbed copies, written via SaveAsync + VectorIndex.Add)",
                $"{F(growth.Elapsed.TotalSeconds, "F1")} s ({F((index.Count - from) / growth.Elapsed.TotalSeconds, "F0")} chunks/s)",
                size >= 1_000_000 ? Goal(growth.Elapsed.TotalMinutes < 15, "< 15 min") : string.Empty));

            progress($"timing {questions.Count} questions at {index.Count:N0} chunks (working set {WorkingSetMb():F0} MB)");
            if (lexical is not null)
            {
                await lexical.EnsureLoadedAsync(cancellationToken); // loaded in the background in the bot; timed here before the asks
            }

            var before = size <= settings.BeforeUpTo;
            rows.AddRange(await asks.RunAsync(questions, warmups, before, cancellationToken));
            askP50[size] = asks.LastAskP50;
            rows.AddRange(await PrefilterBenchmark.RunAsync(index, retrieval, questions, questionVectors, searchOptions.Value.CandidatesPerList, cancellationToken));
            rows.AddRange(recallQueries.Select(q => QuantisationRecall.Measure(index, q.Key, q.Value, searchOptions.Value.CandidatesPerList)));
            if (fts is not null && lexical is not null)
            {
                rows.AddRange(await LexicalRows.MeasureAsync(lexical, fts, database, questions, searchOptions, before, cancellationToken));
            }
        }

        if (settings.Libraries)
        {
            rows.AddRange(await new LibrarySpreadBenchmark(retrieval, pipeline, database, store, index, embeddings, answerer, searchOptions.Value.AnswerPassages).RunAsync(questions, index.Count, progress, cancellationToken));
        }

        rows.AddRange(await MemoryAsync(questions[0], cancellationToken));
        if (database is SqliteConnectionFactory files)
        {
            progress($"cold start of a new process at {index.Count:N0} chunks (snapshots written as at a clean stop)");
            var count = index.Count;
            watch.Restart();
            var (vectorSnapshot, lexicalSnapshot) = await IndexStartupService.SaveSnapshotsAsync(store, index, cancellationToken);
            rows.Add(new(
                "cold-start snapshots written (as at a clean stop): vector ids and codes / BM25 index",
                $"{(vectorSnapshot ? "yes" : "no")} / {(lexicalSnapshot ? "yes" : "no")} in {Ms(watch.Elapsed.TotalMilliseconds)}; {Mb(index.SnapshotPath)} / {Mb(files.BesideDatabase(".lexical"))} on disk, vector file {F(index.FileBytes / 1048576.0, "F0")} MB",
                string.Empty));
            index.Dispose(); // lets go of the vector file, as a stopped process does
            rows.AddRange(await ColdStartProbe.MeasureAsync(Path.GetDirectoryName(files.DatabasePath)!, questions[0], count, cancellationToken));
        }

        if (settings.Postgres is { } postgres)
        {
            rows.AddRange(await PostgresAskBenchmark.RunAsync(
                postgres, settings.PostgresSize, squadDrafts, questions, warmups, askP50.TryGetValue(settings.PostgresSize, out var p50) ? p50 : null, progress, cancellationToken));
        }

        rows.Add(new("benchmark run time", $"{F(total.Elapsed.TotalSeconds, "F0")} s", string.Empty));
        return rows;
    }

    private static string Mb(string? path) => path is not null && File.Exists(path) ? F(new FileInfo(path).Length / 1048576.0, "F0") + " MB" : "none";

    /// <summary>Working set after a compacting GC (the growth loop's garbage is committed until then: both are reported), and after the ONNX session is released.</summary>
    private async Task<IReadOnlyList<BenchmarkRow>> MemoryAsync(string question, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        var beforeCollect = WorkingSetMb();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var mb = WorkingSetMb();
        var memoryGoal = index.Count > 200_000 ? 2048 : 800;
        rows.Add(new(
            $"resident memory (working set) at {index.Count:N0} chunks, after a compacting GC",
            $"{F(mb, "F0")} MB (before the GC {F(beforeCollect, "F0")} MB; managed heap {F(GC.GetTotalMemory(false) / 1048576.0, "F0")} MB, vectors {F(index.MemoryBytes / 1048576.0, "F0")} MB in memory{(index.VectorFilePath is null ? string.Empty : " (floats in the vector file)")}{(lexical is null ? string.Empty : $", BM25 index {F(lexical.Index.MemoryBytes / 1048576.0, "F0")} MB")})",
            Goal(mb <= memoryGoal, $"≤ {memoryGoal:N0} MB")));
        if (embeddings.GetService<MiniLmEmbeddingGenerator>() is { } miniLm)
        {
            rows.Add(new(
                "  of which no manual release: the bulk (ingest) session dropped by itself after Embeddings:ReleaseBulkAfterSeconds idle",
                $"{miniLm.BulkReleases} time(s) in this run; bulk session loaded at the measurement: {(miniLm.IsBulkLoaded ? "yes" : "no")}",
                string.Empty));

            // Before the two sessions, the one session kept the arena of the bulk batches: load the bulk session again with
            // ingest-sized batches (4 × 16 chunk-long texts) and measure that state in the same process.
            var chunkLong = Enumerable.Range(0, 64).Select(i => string.Join(' ', Enumerable.Repeat(question, 12)) + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            await embeddings.GenerateAsync(chunkLong, cancellationToken: cancellationToken);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var bulkLoaded = WorkingSetMb();
            rows.Add(new("  the same with the bulk session's arena kept (one bulk encode of 64 chunk-long texts: as the one session kept it before)", $"{F(bulkLoaded, "F0")} MB", Goal(bulkLoaded <= memoryGoal, $"≤ {memoryGoal:N0} MB")));

            // ONNX Runtime's arena keeps what the encodes needed: drop both sessions (the model reloads on the next encode).
            miniLm.ReleaseSession();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var released = WorkingSetMb();
            rows.Add(new("  the same after MiniLmEmbeddingGenerator.ReleaseSession() (both ONNX sessions dropped, malloc_trim)", $"{F(released, "F0")} MB", Goal(released <= memoryGoal, $"≤ {memoryGoal:N0} MB")));
            var watch = Stopwatch.StartNew();
            await embeddings.GenerateAsync([question], cancellationToken: cancellationToken);
            rows.Add(new("  first query embedding after the release (model reload)", Ms(watch.Elapsed.TotalMilliseconds), string.Empty));
        }

        return rows;
    }

    private async Task<List<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(16))
        {
            vectors.AddRange((await embeddings.GenerateAsync(batch, cancellationToken: cancellationToken)).Select(e => e.Vector.ToArray()));
        }

        return vectors;
    }
}
