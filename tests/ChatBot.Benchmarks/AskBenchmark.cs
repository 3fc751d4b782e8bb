using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// Ask latency at the current index size against one query embedding of the same question, with each stage timed alone
/// on the same questions after the asks. Up to <see cref="BenchmarkSettings.BeforeUpTo"/> chunks each question is also
/// asked the old way (FTS5 <c>bm25()</c> and the exact float scan; in alternating order with the new way) and the old
/// stages are timed beside the new ones; above it they would take most of the run and are left out. With
/// <paramref name="lexicalOnlyBefore"/> (PostgreSQL) "before" changes only the lexical side (the store's own ranking and
/// term counts in SQL), the vector search stays as shipped.
/// </summary>
public sealed class AskBenchmark(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    RetrievalService retrieval,
    IArticleStore store,
    VectorIndex index,
    ExtractiveAnswerer answerer,
    IOptions<SearchOptions> searchOptions,
    IArticleStore? fts,
    Func<bool, IArticleStore>? freshStore = null,
    HybridSearcher? searcher = null,
    bool lexicalOnlyBefore = false)
{
    private readonly string _before = store is SqliteArticleStore ? "FTS5 bm25()" : "ts_rank over the GIN index";
    private readonly string _counted = store is SqliteArticleStore ? "FTS5 count(*) per term" : "plainto_tsquery matches counted per term";

    private static readonly int[] EncodedSentenceCounts = [0, 1, 2, 3, 10];

    /// <summary>The ask p50 of the last <see cref="RunAsync"/> (ms).</summary>
    public double LastAskP50 { get; private set; }

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(IReadOnlyList<string> questions, IReadOnlyList<string> warmups, bool before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(warmups);
        var options = searchOptions.Value;
        foreach (var warm in warmups)
        {
            await retrieval.AskAsync(LibraryNames.Local, warm, null, cancellationToken);
        }

        var embed = new List<double>();
        var ask = new List<double>();
        var askBefore = new List<double>();
        var askEncoded = new List<double>();
        var askUnencoded = new List<double>();
        var askLexicalAfter = new List<double>();
        var shippedBeside = options.LexicalBesideEmbedding;
        var stages = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var counters = new AskCounters(embeddings);
        var watch = new Stopwatch();
        void Add(string stage, double ms) => (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(ms);
        void Time(string stage) => Add(stage, watch.Elapsed.TotalMilliseconds);

        // Asks first, so each question meets the term-statistics cache as a live bot would (terms of earlier questions only).
        for (var q = 0; q < questions.Count; q++)
        {
            watch.Restart();
            await embeddings.GenerateAsync([questions[q]], cancellationToken: cancellationToken);
            embed.Add(watch.Elapsed.TotalMilliseconds);
            // Shipped, answer sentences encoded at ask time (Search:StoredSentenceVectors=false), and the old search path, in
            // an order that rotates with the question, so each sees the same load on average.
            List<(List<double> Into, bool Fast, bool Stored, bool Beside)> variants =
                [(ask, true, true, shippedBeside), (askEncoded, true, false, shippedBeside), (askLexicalAfter, true, true, !shippedBeside)];
            if (before)
            {
                variants.Add((askBefore, false, false, shippedBeside));
            }

            for (var v = 0; v < variants.Count; v++)
            {
                var (into, fast, stored, beside) = variants[(q + v) % variants.Count];
                options.LexicalBesideEmbedding = beside;
                options.InMemoryLexical = fast;
                options.QuantisedVectors = fast || lexicalOnlyBefore;
                options.StoredSentenceVectors = stored;
                var shipped = into == ask;
                if (shipped)
                {
                    counters.Start();
                }

                watch.Restart();
                await retrieval.AskAsync(LibraryNames.Local, questions[q], null, cancellationToken);
                into.Add(watch.Elapsed.TotalMilliseconds);
                if (shipped)
                {
                    counters.Stop();
                }
            }
        }

        options.InMemoryLexical = options.QuantisedVectors = options.StoredSentenceVectors = true;
        options.LexicalBesideEmbedding = shippedBeside;

        // The same asks with no answer sentence encoded (Search:DenseSentences=0): the cost of everything but that encode,
        // i.e. what ask would take with the answer sentences' vectors stored at ingest.
        var shippedDense = options.DenseSentences;
        options.DenseSentences = 0;
        foreach (var question in questions)
        {
            watch.Restart();
            await retrieval.AskAsync(LibraryNames.Local, question, null, cancellationToken);
            askUnencoded.Add(watch.Elapsed.TotalMilliseconds);
        }

        options.DenseSentences = shippedDense;

        // Stage breakdown (sequential, one call each). The answer stage is timed again with other numbers of encoded
        // sentences (10: every candidate, as before issue 14's first, lexical stage), in the same run.
        var otherAnswerers = EncodedSentenceCounts.Where(k => k != options.DenseSentences).Select(k => (k, new ExtractiveAnswerer(
            Options.Create(new SearchOptions { CandidateSentences = options.CandidateSentences, DenseSentences = k, MaxAnswerSentences = options.MaxAnswerSentences, AbstainBelow = options.AbstainBelow }),
            embeddings))).ToList();
        foreach (var question in questions)
        {
            var terms = HybridSearcher.QueryTerms(question);
            var vector = (await embeddings.GenerateAsync([question], cancellationToken: cancellationToken))[0].Vector.ToArray();
            watch.Restart();
            await store.SearchLexicalAsync(LibraryNames.Local, terms, options.CandidatesPerList, cancellationToken);
            Time("BM25 top-50 (in-memory index, MaxScore)");
            if (fts is not null && before)
            {
                watch.Restart();
                await fts.SearchLexicalAsync(LibraryNames.Local, terms, options.CandidatesPerList, cancellationToken);
                Time($"lexical top-50, {_before} (before)");
            }

            watch.Restart();
            index.Search(vector, LibraryNames.Local, options.CandidatesPerList);
            Time($"vector search top-50 (int8 pre-filter + float re-score{(index.VectorFilePath is null ? string.Empty : " read from the vector file")})");
            if (before && !lexicalOnlyBefore)
            {
                watch.Restart();
                index.SearchExact(vector, LibraryNames.Local, options.CandidatesPerList);
                Time("vector scan top-50, exact float (before)");
            }

            watch.Restart();
            await store.GetTermStatisticsAsync(LibraryNames.Local, terms, cancellationToken);
            Time("term statistics (cached)");
            if (freshStore is not null)
            {
                // A store with an empty cache, as after every save (a feed item, an /add): the index's postings vs FTS5's count per term.
                var fresh = freshStore(true);
                watch.Restart();
                await fresh.GetTermStatisticsAsync(LibraryNames.Local, terms, cancellationToken);
                Time("term statistics, uncached (in-memory index postings)");
                if (before)
                {
                    fresh = freshStore(false);
                    watch.Restart();
                    await fresh.GetTermStatisticsAsync(LibraryNames.Local, terms, cancellationToken);
                    Time($"term statistics, uncached, {_counted} (before)");
                }
            }

            if (searcher is not null)
            {
                // The parts of "retrieve passages": the hybrid search (embedding ‖ BM25, vector search, cosines of BM25-only
                // hits, fusion) and the fetch of the answer passages' chunks (with sentence vectors) and articles.
                var split = new HybridSearchTimings();
                watch.Restart();
                var (found, _) = await searcher.SearchAsync(LibraryNames.Local, question, SearchMode.Hybrid, split, cancellationToken);
                Time("  retrieve: hybrid search (embedding ‖ BM25, vector top-50, fusion)");
                Add("    hybrid search: query embedding (BM25 beside it)", split.EmbedMs);
                Add("    hybrid search: vector top-50 after it", split.VectorMs);
                Add("    hybrid search: BM25 still running after that", split.LexicalWaitMs);
                Add("    hybrid search: cosines of BM25-only hits + fusion", split.FusionMs);
                var top = found.Take(options.AnswerPassages).ToList();
                watch.Restart();
                await store.GetChunksWithSentenceVectorsAsync(top.Select(c => c.ChunkId).ToList(), cancellationToken);
                Time($"  retrieve: {top.Count} passages' chunks with sentence vectors fetched");
                watch.Restart();
                await store.GetManyAsync(top.Select(c => c.ArticleId).Distinct().ToList(), cancellationToken);
                Time("  retrieve: their articles fetched");
            }

            watch.Restart();
            var (query, passages, weights, queryVector) = await retrieval.RetrieveAsync(LibraryNames.Local, question, null, options.AnswerPassages, cancellationToken);
            Time("retrieve passages (search + chunks + articles)");
            watch.Restart();
            await answerer.AnswerAsync(query, weights, passages, queryVector, cancellationToken);
            Time($"extractive answer (shipped: {options.DenseSentences} sentence cosines, read from the stored sentence vectors)");
            var bare = passages.Select(p => p with { SentenceVectors = null }).ToList();
            watch.Restart();
            await answerer.AnswerAsync(query, weights, bare, queryVector, cancellationToken);
            Time($"extractive answer, the {options.DenseSentences} sentences encoded at ask time (before)");
            foreach (var (encoded, other) in otherAnswerers)
            {
                watch.Restart();
                await other.AnswerAsync(query, weights, bare, queryVector, cancellationToken);
                Time($"extractive answer, Search:DenseSentences={encoded}, encoded at ask time");
            }
        }

        var embedP50 = Percentile(embed, 0.5);
        var askP50 = LastAskP50 = Percentile(ask, 0.5);
        var askP99 = Percentile(ask, 0.99);
        var count = index.Count;
        var rows = new List<BenchmarkRow>
        {
            new($"ask latency at {count:N0} chunks, p50 / p99", $"{Ms(askP50)} / {Ms(askP99)} = {F(askP50 / embedP50, "F2")}× embed p50", AskGoal(count, askP50, askP99, embedP50)),
            counters.Row(),
        };
        var encodedP50 = Percentile(askEncoded, 0.5);
        rows.Add(new(
            "  before: answer sentences encoded at ask time (Search:StoredSentenceVectors=false), same run, p50 / p99",
            $"{Ms(encodedP50)} / {Ms(Percentile(askEncoded, 0.99))} = {F(encodedP50 / embedP50, "F2")}× embed p50",
            string.Empty));
        var afterP50 = Percentile(askLexicalAfter, 0.5);
        rows.Add(new(
            $"  BM25 {(shippedBeside ? "after the query embedding, beside the vector search" : "beside the query embedding")} (Search:LexicalBesideEmbedding={(!shippedBeside).ToString().ToLowerInvariant()}), same run, p50 / p99",
            $"{Ms(afterP50)} / {Ms(Percentile(askLexicalAfter, 0.99))} = {F(afterP50 / embedP50, "F2")}× embed p50",
            string.Empty));
        if (before)
        {
            var beforeP50 = Percentile(askBefore, 0.5);
            rows.Add(new($"  before ({_before}{(lexicalOnlyBefore ? ", term counts in SQL" : ", exact float scan")}, sentences encoded), same run, p50 / p99", $"{Ms(beforeP50)} / {Ms(Percentile(askBefore, 0.99))} = {F(beforeP50 / embedP50, "F2")}× embed p50", string.Empty));
        }

        var unencodedP50 = Percentile(askUnencoded, 0.5);
        rows.Add(new(
            "  the same asks with no sentence cosine at all (Search:DenseSentences=0), p50 / p99",
            $"{Ms(unencodedP50)} / {Ms(Percentile(askUnencoded, 0.99))} = {F(unencodedP50 / embedP50, "F2")}× embed p50",
            string.Empty));
        rows.Add(new("  one query embedding (same questions), p50 / p99", $"{Ms(embedP50)} / {Ms(Percentile(embed, 0.99))}", string.Empty));
        rows.AddRange(stages.Select(s => new BenchmarkRow("  stage: " + s.Key + ", p50 / p99", $"{Ms(Percentile(s.Value, 0.5))} / {Ms(Percentile(s.Value, 0.99))}", string.Empty)));
        return rows;
    }

    /// <summary>Issue 17's goals: at a million chunks p50 / p99 ≤ 40 / 120 ms; below, p50 ≤ 2× one query embedding.</summary>
    private static string AskGoal(int count, double p50, double p99, double embedP50) => count >= 1_000_000
        ? Goal(p50 <= 40 && p99 <= 120, "p50 / p99 ≤ 40 / 120 ms")
        : count >= 100_000
            ? Goal(p50 <= 2 * embedP50 && p99 <= 4 * embedP50, "p50 / p99 ≤ 2× / 4× query embedding p50")
            : Goal(p50 <= 2 * embedP50, "p50 ≤ 2× query embedding p50");
}
