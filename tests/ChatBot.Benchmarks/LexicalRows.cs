using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.Benchmarks;

/// <summary>
/// The in-memory BM25 index at the current size: a cold load from FTS5 (one pass over <c>fts5vocab</c>), postings and
/// bytes per posting, memory, and how many questions get the same top 50 (chunks and order) as FTS5's <c>bm25()</c>.
/// Without <c>compareWithFts5</c> (large sizes) only the size figures: the FTS5 load and searches would take most of the run.
/// </summary>
public static class LexicalRows
{
    public static async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(
        SqliteLexicalSearch lexical, IArticleStore fts, SqlDatabase database, IReadOnlyList<string> questions, IOptions<SearchOptions> options, bool compareWithFts5, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(fts);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<BenchmarkRow>();
        rows.Add(SizeRow("  lexical index", lexical.Index));

        if (!compareWithFts5)
        {
            return rows;
        }

        if (database is SqliteConnectionFactory sqlite)
        {
            var watch = Stopwatch.StartNew();
            using var cold = new SqliteLexicalSearch(sqlite, options);
            await cold.EnsureLoadedAsync(cancellationToken);
            rows.Add(new("  lexical index: cold load from FTS5 (fts5vocab instances, one pass)", BenchFormat.Ms(watch.Elapsed.TotalMilliseconds), string.Empty));
        }

        var same = 0;
        foreach (var question in questions)
        {
            var terms = HybridSearcher.QueryTerms(question);
            var expected = await fts.SearchLexicalAsync(LibraryNames.Local, terms, options.Value.CandidatesPerList, cancellationToken);
            var actual = await lexical.TrySearchAsync(LibraryNames.Local, terms, options.Value.CandidatesPerList, cancellationToken);
            same += actual is not null && expected.Select(h => h.ChunkId).SequenceEqual(actual.Select(h => h.ChunkId)) ? 1 : 0;
        }

        rows.Add(new("  lexical index: questions whose top 50 equals FTS5 bm25()'s (chunks and order)", $"{same}/{questions.Count}", BenchFormat.Goal(same == questions.Count, "all")));
        return rows;
    }

    /// <summary>The index's size row (rows, postings, bytes per posting, memory), the same for both storage dialects.</summary>
    public static BenchmarkRow SizeRow(string label, LexicalIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var (postings, bytes) = index.Size;
        return new(
            $"{label}: rows, postings, compressed bytes per posting, memory",
            $"{index.Rows:N0} rows, {postings:N0} postings, {BenchFormat.F(bytes / (double)Math.Max(1, postings), "F2")} B/posting, {BenchFormat.F(index.MemoryBytes / 1048576.0, "F0")} MB",
            string.Empty);
    }
}
