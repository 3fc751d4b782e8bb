using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Text.Spelling;

namespace ChatBot.Retrieval.Search;

/// <summary>
/// Where an ask reads its question's typos from (<see cref="SpellingCorrector"/>), cheapest first. First the passages
/// BM25 ranks best for the question's other words (<see cref="FromLexicalAsync"/>): no query embedding is needed for
/// them, so a question whose typo they resolve is embedded and searched once, already read right. Only when they
/// resolve none, the hybrid search's own candidates (<see cref="FromCandidatesAsync"/>), which costs a second search
/// once a word is read. Before, every corrected question was searched twice, and such questions were the slowest
/// asks (8 of the bench's 100 SQuAD questions at 100k chunks: the ask's p99; docs/retrieval.md, scale).
/// </summary>
public static class QuerySpelling
{
    /// <summary>The question with its typos read from BM25's best <paramref name="passages"/> for <paramref name="query"/>; null when none is read.</summary>
    public static async Task<SpellingCorrection?> FromLexicalAsync(
        IArticleStore store, string library, string question, string query, IReadOnlySet<string> unseen, int passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hits = await store.SearchLexicalAsync(library, HybridSearcher.QueryTerms(query), passages, cancellationToken);
        return await CorrectAsync(store, question, unseen, hits.Select(h => h.ChunkId).ToList(), cancellationToken);
    }

    /// <summary>The question with its typos read from the best <paramref name="passages"/> of a search's <paramref name="candidates"/>; null when none is read.</summary>
    public static Task<SpellingCorrection?> FromCandidatesAsync(
        IArticleStore store, string question, IReadOnlySet<string> unseen, IReadOnlyList<SearchCandidate> candidates, int passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return CorrectAsync(store, question, unseen, candidates.Take(passages).Select(c => c.ChunkId).ToList(), cancellationToken);
    }

    private static async Task<SpellingCorrection?> CorrectAsync(IArticleStore store, string question, IReadOnlySet<string> unseen, List<long> chunkIds, CancellationToken cancellationToken)
    {
        if (chunkIds.Count == 0)
        {
            return null;
        }

        var chunks = await store.GetChunksAsync(chunkIds, cancellationToken);
        var corrected = SpellingCorrector.Correct(question, unseen, chunks.Select(c => c.Text));
        return corrected.Corrections.Count > 0 ? corrected : null;
    }
}
