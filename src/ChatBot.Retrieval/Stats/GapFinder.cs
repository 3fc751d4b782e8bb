using System.Numerics.Tensors;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Stats;
using Microsoft.Extensions.AI;

namespace ChatBot.Retrieval.Stats;

/// <summary>
/// "What the library could not answer": the abstained or 👎 questions, clustered by their MiniLM vectors so rephrasings
/// count once (greedy: a question joins the first cluster whose mean vector is at least <see cref="Similarity"/> cosine
/// away, else starts one), each cluster with the library's best-matching article for its most asked wording.
/// </summary>
public sealed class GapFinder(IChatStats stats, IEmbeddingGenerator<string, Embedding<float>> embedder, IRetrievalService retrieval) : IStatsGaps
{
    /// <summary>Cosine similarity from which two questions count as one (MiniLM: rephrasings score about 0.75–0.95).</summary>
    public const float Similarity = 0.7f;

    /// <summary>The most gap questions read per call (the newest).</summary>
    public const int MaxQuestions = 1000;

    public async Task<IReadOnlyList<StatsGap>> FindAsync(string? library, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var questions = await stats.GapQuestionsAsync(library, since, MaxQuestions, cancellationToken);
        var gaps = new List<StatsGap>();
        foreach (var group in questions.GroupBy(q => q.Library, StringComparer.Ordinal))
        {
            foreach (var cluster in await ClusterAsync(group.ToList(), cancellationToken))
            {
                gaps.Add(Describe(group.Key, cluster));
            }
        }

        var top = gaps.OrderByDescending(g => g.Count).ThenBy(g => g.Question, StringComparer.Ordinal).Take(limit).ToList();
        for (var i = 0; i < top.Count; i++)
        {
            var hits = await retrieval.SearchAsync(top[i].Library, top[i].Question, 1, cancellationToken);
            if (hits.Count > 0)
            {
                top[i] = top[i] with { ClosestTitle = hits[0].Article.Title, ClosestUrl = hits[0].Article.Url };
            }
        }

        return top;
    }

    /// <summary>Groups the questions (weighted by their 👎 votes, at least once each) into clusters of similar wording.</summary>
    internal async Task<List<List<(string Text, int Weight)>>> ClusterAsync(IReadOnlyList<GapQuestion> questions, CancellationToken cancellationToken)
    {
        var wordings = questions
            .GroupBy(q => Normalize(q.Question), StringComparer.Ordinal)
            .Select(g => (Text: g.First().Question.Trim(), Weight: g.Sum(q => Math.Max(1, q.ThumbsDown))))
            .ToList();
        var vectors = wordings.Count == 0 ? [] : await embedder.GenerateAsync(wordings.Select(w => w.Text).ToList(), cancellationToken: cancellationToken);
        var clusters = new List<(float[] Sum, List<(string Text, int Weight)> Members)>();
        for (var i = 0; i < wordings.Count; i++)
        {
            var vector = vectors[i].Vector.Span;
            var best = -1;
            var bestScore = Similarity;
            for (var c = 0; c < clusters.Count; c++)
            {
                var score = TensorPrimitives.CosineSimilarity(vector, clusters[c].Sum);
                if (score >= bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            if (best < 0)
            {
                clusters.Add((vector.ToArray(), [wordings[i]]));
            }
            else
            {
                TensorPrimitives.Add(clusters[best].Sum, vector, clusters[best].Sum);
                clusters[best].Members.Add(wordings[i]);
            }
        }

        return clusters.Select(c => c.Members).ToList();
    }

    private static StatsGap Describe(string library, List<(string Text, int Weight)> members)
    {
        var ordered = members.OrderByDescending(m => m.Weight).ToList();
        return new StatsGap(library, ordered[0].Text, members.Sum(m => m.Weight), ordered.Skip(1).Select(m => m.Text).Take(3).ToList(), null, null);
    }

    private static string Normalize(string question) =>
        string.Join(' ', question.Trim().TrimEnd('?', '!', '.').ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
