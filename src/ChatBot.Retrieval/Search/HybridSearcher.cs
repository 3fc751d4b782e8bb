using System.Diagnostics;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Search;

public enum SearchMode
{
    Hybrid,
    Lexical,
    Dense,
}

/// <summary>
/// BM25 (the store's full-text index) and dense cosine (the in-memory <see cref="VectorIndex"/>) over chunks,
/// fused with reciprocal-rank fusion. One query embedding per search. Both lists are taken inside one library.
/// </summary>
public sealed class HybridSearcher(
    IArticleStore store,
    VectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IOptions<SearchOptions> options)
{
    private readonly SearchOptions _options = options.Value;

    public Task<(IReadOnlyList<SearchCandidate> Candidates, float[] QueryVector)> SearchAsync(
        string library, string query, SearchMode mode, CancellationToken cancellationToken) =>
        SearchAsync(library, query, mode, null, cancellationToken);

    /// <summary><see cref="SearchAsync(string, string, SearchMode, CancellationToken)"/>, with the time of each stage written to <paramref name="timings"/>.</summary>
    internal async Task<(IReadOnlyList<SearchCandidate> Candidates, float[] QueryVector)> SearchAsync(
        string library, string query, SearchMode mode, HybridSearchTimings? timings, CancellationToken cancellationToken)
    {
        var perList = _options.CandidatesPerList;
        var terms = QueryTerms(query);
        // SQLite's async calls complete synchronously: run BM25 on the pool so it overlaps the query embedding (or, with
        // Search:LexicalBesideEmbedding=false, the vector search after it, leaving both cores to the model's threads).
        Task<IReadOnlyList<LexicalHit>> Lexical() => mode == SearchMode.Dense || terms.Count == 0
            ? Task.FromResult<IReadOnlyList<LexicalHit>>([])
            : Task.Run(() => store.SearchLexicalAsync(library, terms, perList, cancellationToken), cancellationToken);
        var lexicalTask = _options.LexicalBesideEmbedding ? Lexical() : null;
        var stage = Stopwatch.GetTimestamp();
        var vector = (await embeddings.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector.ToArray();
        timings?.EmbedMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        lexicalTask ??= Lexical();
        stage = Stopwatch.GetTimestamp();
        var dense = mode == SearchMode.Lexical ? []
            : _options.QuantisedVectors ? index.Search(vector, library, perList) : index.SearchExact(vector, library, perList);
        timings?.VectorMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        stage = Stopwatch.GetTimestamp();
        var lexical = await lexicalTask;
        timings?.LexicalWaitMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        stage = Stopwatch.GetTimestamp();

        var fused = ReciprocalRankFusion.Fuse(
            [lexical.Select(h => h.ChunkId).ToList(), dense.Select(h => h.ChunkId).ToList()],
            [_options.LexicalWeight, _options.DenseWeight]);

        var articleByChunk = new Dictionary<long, long>();
        var lexicalScore = new Dictionary<long, double>();
        foreach (var hit in lexical)
        {
            articleByChunk[hit.ChunkId] = hit.ArticleId;
            lexicalScore[hit.ChunkId] = hit.Score;
        }

        var similarity = new Dictionary<long, float>();
        foreach (var (chunkId, articleId, sim) in dense)
        {
            articleByChunk[chunkId] = articleId;
            similarity[chunkId] = sim;
        }

        // Chunks found only lexically still need their cosine, for answers and abstention.
        var missing = fused.Where(f => !similarity.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        foreach (var (id, sim) in index.Similarities(vector, missing))
        {
            similarity[id] = sim;
        }

        var candidates = fused
            .Where(f => articleByChunk.ContainsKey(f.Id))
            .Select(f => new SearchCandidate(
                f.Id,
                articleByChunk[f.Id],
                f.Score,
                f.Ranks[0],
                f.Ranks[1],
                lexicalScore.GetValueOrDefault(f.Id),
                similarity.GetValueOrDefault(f.Id)))
            .ToList();
        if (mode == SearchMode.Hybrid && _options.UsesScoreFusion && lexical.Count > 0)
        {
            candidates = FuseScores(candidates, _options.LexicalShare);
        }

        timings?.FusionMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        return (candidates, vector);
    }

    /// <summary>
    /// Convex score fusion: BM25 and cosine each min-max normalised over the candidates (a chunk BM25 did not
    /// find scores 0 there), mixed as share·bm25 + (1 − share)·cosine. Keeps the margins RRF throws away.
    /// </summary>
    internal static List<SearchCandidate> FuseScores(IReadOnlyList<SearchCandidate> candidates, double lexicalShare)
    {
        var lexical = candidates.Where(c => c.LexicalRank is not null).Select(c => c.LexicalScore).ToList();
        var (lexMin, lexMax) = lexical.Count == 0 ? (0.0, 0.0) : (lexical.Min(), lexical.Max());
        var simMin = candidates.Min(c => (double)c.DenseSimilarity);
        var simMax = candidates.Max(c => (double)c.DenseSimilarity);
        static double Scale(double value, double min, double max) => max > min ? (value - min) / (max - min) : 1.0;
        return candidates
            .Select(c => c with
            {
                FusedScore = (lexicalShare * (c.LexicalRank is null ? 0 : Scale(c.LexicalScore, lexMin, lexMax)))
                    + ((1 - lexicalShare) * Scale(c.DenseSimilarity, simMin, simMax)),
            })
            .OrderByDescending(c => c.FusedScore)
            .ThenBy(c => c.ChunkId)
            .ToList();
    }

    /// <summary>The words of a query worth matching: tokens without stop words (unstemmed: FTS5 stems them).</summary>
    public static IReadOnlyList<string> QueryTerms(string query)
    {
        var terms = new List<string>();
        foreach (var (token, _, _) in TextTerms.Tokens(query))
        {
            if (!TextTerms.IsStopWord(token) && !terms.Contains(token))
            {
                terms.Add(token);
            }
        }

        return terms;
    }
}
