using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// The term weights of an off-topic training version (<see cref="AnswererTrainer"/>) in the library it stands for, the
/// one without the question's own article: each query term's chunks, counted by the full-text index itself, minus
/// those of that article. A word only the own article holds is then unseen (<see cref="TermWeights.Unseen"/>) as it
/// would be live, so an unknown name or counted noun (<see cref="UnknownNames"/>) abstains outright there too instead
/// of teaching the abstainer from a confidence a live ask never computes.
/// </summary>
public sealed class OffTopicWeights(IArticleStore store)
{
    private IReadOnlyList<Article>? _articles;
    private readonly Dictionary<string, (HashSet<long> Ids, int Chunks)> _own = new(StringComparer.Ordinal);

    public async Task<TermWeights> WithoutOwnArticleAsync(string library, string query, EvalQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var (own, ownChunks) = await OwnAsync(library, question, cancellationToken);
        var tokens = HybridSearcher.QueryTerms(query);
        var (frequency, count) = await store.GetTermStatisticsAsync(library, tokens, cancellationToken);
        var without = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var df = frequency.GetValueOrDefault(token);
            if (df > 0 && df <= ownChunks)
            {
                var hits = await store.SearchLexicalAsync(library, [token], df, cancellationToken); // every chunk holding it
                df -= hits.Count(h => own.Contains(h.ArticleId));
            }

            without[token] = df;
        }

        return TermWeights.From(tokens, without, Math.Max(0, count - ownChunks));
    }

    /// <summary>The ids of the question's own article's passages (each an article of the eval library) and their chunk count.</summary>
    private async Task<(HashSet<long> Ids, int Chunks)> OwnAsync(string library, EvalQuestion question, CancellationToken cancellationToken)
    {
        var key = question.ArticleId ?? question.Id;
        if (_own.TryGetValue(key, out var known))
        {
            return known;
        }

        _articles ??= await store.ListAsync(library, cancellationToken);
        var prefix = EvaluationRunner.SourcePrefix + key + "#";
        var gold = question.PassageIds?.Select(id => EvaluationRunner.SourcePrefix + id).ToHashSet(StringComparer.Ordinal) ?? [];
        var ids = _articles.Where(a => gold.Contains(a.Source) || (question.ArticleId is not null && a.Source.StartsWith(prefix, StringComparison.Ordinal))).Select(a => a.Id).ToHashSet();
        var chunks = 0;
        foreach (var id in ids)
        {
            chunks += (await store.GetArticleChunksAsync(id, cancellationToken)).Count;
        }

        return _own[key] = (ids, chunks);
    }
}
