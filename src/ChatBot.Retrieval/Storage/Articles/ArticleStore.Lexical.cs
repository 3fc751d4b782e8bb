using System.Collections.Concurrent;
using System.Data.Common;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// The store's lexical side, the same on both dialects: search and the answerer's term statistics from the in-memory
/// BM25 index when it can answer, else the dialect's full-text search and counts (cached per library and index version).
/// </summary>
public abstract partial class ArticleStore
{
    /// <summary>Per library: bumped after every committed change this store sees (its own, and on PostgreSQL other replicas' from the change log).</summary>
    private readonly ConcurrentDictionary<string, TermStatisticsCache> _termStatistics = new(StringComparer.Ordinal);

    /// <summary>The best rows for the terms: from the in-memory BM25 index when it can answer, else the dialect's full-text search.</summary>
    public async Task<IReadOnlyList<LexicalHit>> SearchLexicalAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var words = SearchableTerms(terms);
        if (words.Count == 0)
        {
            return [];
        }

        return _lexical is not null && await _lexical.TrySearchAsync(library, words, limit, cancellationToken) is { } hits
            ? hits
            : await SearchFullTextAsync(library, words, limit, cancellationToken);
    }

    /// <summary>Starts loading the in-memory BM25 index in the background (start-up); the full-text search answers until it is ready.</summary>
    public void StartLexicalIndexLoad() => _lexical?.StartLoading();

    /// <summary>Words worth a query: with a letter or digit, each once.</summary>
    internal static List<string> SearchableTerms(IEnumerable<string> terms) =>
        terms.Where(t => t.Any(char.IsLetterOrDigit)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Term statistics are per library: a term's weight in one library's answers never depends on another's articles.</summary>
    public async Task<(IReadOnlyDictionary<string, int> DocumentFrequency, int ChunkCount)> GetTermStatisticsAsync(string library, IReadOnlyCollection<string> terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var statistics = _termStatistics.GetOrAdd(library, _ => new TermStatisticsCache());

        // Captured before reading: figures read while a save commits are stored under the old version and dropped.
        var version = statistics.Version;
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var term in SearchableTerms(terms))
        {
            if (statistics.TryGetFrequency(term, out var cached))
            {
                frequencies[term] = cached;
            }
            else
            {
                missing.Add(term);
            }
        }

        var knownTotal = statistics.TryGetChunkCount(out var total);
        if (knownTotal && missing.Count == 0)
        {
            return (frequencies, total);
        }

        if (_lexical is not null && await _lexical.TryTermStatisticsAsync(library, missing, cancellationToken) is var (memoryTotal, counted))
        {
            foreach (var (term, frequency) in counted)
            {
                frequencies[term] = frequency;
            }

            return (frequencies, memoryTotal);
        }

        var (count, read) = await Database.WithConnectionAsync(
            async (connection, ct) =>
            {
                var chunks = knownTotal ? total : Convert.ToInt32(await connection.ScalarAsync("SELECT count(*) FROM chunks WHERE library = @library", [("library", library)], null, ct), System.Globalization.CultureInfo.InvariantCulture);
                return (chunks, missing.Count == 0 ? new Dictionary<string, int>(StringComparer.Ordinal) : await CountTermsAsync(connection, library, missing, ct));
            },
            cancellationToken);
        foreach (var (term, frequency) in read)
        {
            frequencies[term] = frequency;
        }

        statistics.Store(version, count, read);
        return (frequencies, count);
    }

    /// <summary>The dialect's own full-text search over the searchable terms (each distinct, with a letter or digit).</summary>
    protected abstract Task<IReadOnlyList<LexicalHit>> SearchFullTextAsync(string library, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken);

    /// <summary>How many chunks of the library contain each (searchable) term.</summary>
    protected abstract Task<Dictionary<string, int>> CountTermsAsync(DbConnection connection, string library, IReadOnlyList<string> terms, CancellationToken cancellationToken);

    /// <summary>Forgets the term statistics of every library: the index changed.</summary>
    protected void InvalidateTermStatistics()
    {
        foreach (var statistics in _termStatistics.Values)
        {
            statistics.Invalidate();
        }
    }
}
