using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.Benchmarks;

/// <summary>
/// The PostgreSQL store's in-memory BM25 index at the measured size: postings and memory, a cold load from the stored
/// tsvectors (one pass), and for the first questions whether its top 50 equals the same BM25 computed in SQL over the
/// same tsvectors (<see cref="PostgresLexicalSearch.Bm25Sql"/>: slow, it reads every row, so only a few questions and only
/// up to <see cref="MaxCompared"/> chunks).
/// </summary>
public static class PostgresLexicalRows
{
    /// <summary>The largest index compared with the SQL reference (about 4 s a question at 10k chunks on the loaded machine).</summary>
    private const int MaxCompared = 20_000;

    public static async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(
        PostgresLexicalSearch lexical, PostgresConnectionFactory connections, IReadOnlyList<string> questions, IOptions<SearchOptions> options, int compared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<BenchmarkRow>();
        rows.Add(LexicalRows.SizeRow("  PostgreSQL: lexical index", lexical.Index));

        var watch = Stopwatch.StartNew();
        using (var cold = new PostgresLexicalSearch(connections, options))
        {
            await cold.EnsureLoadedAsync(cancellationToken);
        }

        rows.Add(new("  PostgreSQL: lexical index: cold load from the stored tsvectors (one pass)", BenchFormat.Ms(watch.Elapsed.TotalMilliseconds), string.Empty));

        if (lexical.Index.Rows > MaxCompared)
        {
            rows.Add(new(
                "  PostgreSQL: lexical index: top 50 against BM25 computed in SQL over the same tsvectors",
                $"not compared above {MaxCompared:N0} chunks (the SQL reference reads every row: longer than a command's 30 s); PostgresLexicalIndexTests compares it on the fixture corpus",
                string.Empty));
            return rows;
        }

        var same = 0;
        var store = new PostgresArticleStore(connections, TimeProvider.System, lexical);
        watch.Restart();
        foreach (var question in questions.Take(compared))
        {
            var terms = HybridSearcher.QueryTerms(question);
            var expected = await lexical.SearchInSqlAsync(LibraryNames.Local, terms, options.Value.CandidatesPerList, cancellationToken);
            var actual = await store.SearchLexicalAsync(LibraryNames.Local, terms, options.Value.CandidatesPerList, cancellationToken);
            same += SameUpToTies(expected, actual, options.Value.CandidatesPerList) ? 1 : 0;
        }
        var count = Math.Min(compared, questions.Count);
        rows.Add(new(
            $"  PostgreSQL: lexical index: questions whose top 50 equals BM25 computed in SQL over the same tsvectors (chunks, order up to tied scores, scores; {BenchFormat.Ms(watch.Elapsed.TotalMilliseconds / Math.Max(1, count))} a question in SQL)",
            $"{same}/{count}",
            BenchFormat.Goal(same == count, "all")));
        return rows;
    }

    /// <summary>
    /// The same scores position by position (1e-9: SQL sums the phrases in its own order) and the same chunks, except
    /// that tied scores (the synthetic copies share their text) may come in another order, and a tie at the limit may
    /// hold other chunks.
    /// </summary>
    private static bool SameUpToTies(IReadOnlyList<LexicalHit> expected, IReadOnlyList<LexicalHit> actual, int limit)
    {
        if (expected.Count != actual.Count || expected.Zip(actual).Any(p => Math.Abs(p.First.Score - p.Second.Score) > 1e-9))
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var score = expected[i].Score;
            var tiedAtLimit = expected.Count == limit && Math.Abs(expected[^1].Score - score) <= 1e-9;
            if (expected[i].ChunkId != actual[i].ChunkId && !tiedAtLimit && !expected.Any(h => h.ChunkId == actual[i].ChunkId && Math.Abs(h.Score - score) <= 1e-9))
            {
                return false;
            }
        }

        return true;
    }
}
