using System.Diagnostics;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Telemetry;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Summaries;
using ChatBot.Retrieval.Text;
using ChatBot.Retrieval.Text.Spelling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval;

/// <summary>
/// The offline retrieval service: hybrid search, extractive answers and summaries over the store, each inside the
/// library the caller names (search, term statistics, lookups by id, source or title, ingestion and deletion).
/// </summary>
public sealed class RetrievalService(
    IArticleStore store,
    HybridSearcher searcher,
    IngestionPipeline pipeline,
    ExtractiveAnswerer answerer,
    ExtractiveSummarizer summarizer,
    ArticleLookup lookup,
    IOptions<SearchOptions> options,
    ILogger<RetrievalService> logger) : IRetrievalService
{
    private readonly SearchOptions _options = options.Value;

    public Task<Answer> AskAsync(string library, string question, IReadOnlyList<ConversationTurn>? history, CancellationToken cancellationToken) =>
        AskAsync(library, question, history, null, cancellationToken);

    /// <summary>
    /// The one extractive answer path. Evaluation only: <paramref name="hideSentence"/> (near-miss questions) keeps
    /// the sentences it matches from being quoted or scored; <paramref name="quoteBelowThreshold"/> quotes even below
    /// <c>Search:AbstainBelow</c> so one run can be read at every threshold; <paramref name="correctSpelling"/> false
    /// asks without query spelling correction (the "before" of <c>eval qa --chat</c>); <paramref name="contextWeight"/>
    /// scores a follow-up's topic words at that share of their idf instead of <see cref="FollowUpCondenser.ContextWeight"/>
    /// (<c>eval qa --context-weights</c>).
    /// </summary>
    public async Task<Answer> AskAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, Func<string, bool>? hideSentence, CancellationToken cancellationToken, bool quoteBelowThreshold = false, bool correctSpelling = true, double? contextWeight = null) =>
        (await AskShowingAsync(library, question, history, hideSentence, cancellationToken, quoteBelowThreshold, correctSpelling, contextWeight)).Answer;

    /// <summary>The ask above, with the passages the answerer was shown (evaluation: whether they hold the gold).</summary>
    public async Task<(Answer Answer, IReadOnlyList<Passage> Shown)> AskShowingAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, Func<string, bool>? hideSentence, CancellationToken cancellationToken, bool quoteBelowThreshold = false, bool correctSpelling = true, double? contextWeight = null)
    {
        var watch = Stopwatch.StartNew();
        var (query, passages, weights, vector) = await RetrieveAsync(library, question, history, _options.AnswerPassages, cancellationToken, correctSpelling, contextWeight);
        var shown = Hide(passages, hideSentence);
        Answer answer;
        using (ChatTelemetry.StartAnswer("extractive"))
        {
            answer = await answerer.AnswerAsync(query, weights, shown, vector, cancellationToken, quoteBelowThreshold);
        }

        RetrievalLog.Answered(logger, watch.Elapsed.TotalMilliseconds, answer.Abstained, answer.Confidence);
        return (answer, shown);
    }

    /// <summary>The passages without the sentences <paramref name="hideSentence"/> matches (evaluation: near-miss questions).</summary>
    public static IReadOnlyList<Passage> Hide(IReadOnlyList<Passage> passages, Func<string, bool>? hideSentence) =>
        hideSentence is null
            ? passages
            : passages.Select(p => p with
            {
                Chunk = p.Chunk with { Sentences = p.Chunk.Sentences.Where(s => !hideSentence(p.Chunk.Text.Substring(s.Start, s.Length))).ToList() },
            }).ToList();

    /// <summary>
    /// The passages an answer is built from (best first, at most <see cref="SearchOptions.MaxPassagesPerArticle"/> per
    /// article) and the query's term weights. Used by the extractive answerer and by model-written answers.
    /// </summary>
    public async Task<(IReadOnlyList<Passage> Passages, TermWeights Weights)> RetrievePassagesAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, int count, CancellationToken cancellationToken)
    {
        var (_, passages, weights, _) = await RetrieveAsync(library, question, history, count, cancellationToken);
        return (passages, weights);
    }

    /// <summary>
    /// The query every answer path searches with: the question without chat noise (<see cref="ChatNoise"/>), condensed
    /// with the conversation when it is a follow-up (<see cref="FollowUpCondenser"/>).
    /// </summary>
    public static string QueryFor(string question, IReadOnlyList<ConversationTurn>? history) =>
        FollowUpCondenser.Condense(ChatNoise.Clean(question), history);

    /// <summary>
    /// The question the answer is scored for, the passages, that question's term weights and the search's vector (the
    /// answerer scores sentences with it). A query word the library does not hold is read as the word of the retrieved
    /// passages it is a typo of (<see cref="SpellingCorrector"/>; BM25's passages first, before the search, else the
    /// search's own: <see cref="QuerySpelling"/>), and the corrected query is searched, weighed and answered instead
    /// (<paramref name="correctSpelling"/> false: evaluation's "before"). A follow-up is searched with
    /// the names it carries from the conversation (<see cref="FollowUpCondenser"/>); one that asks for a fact (when, how
    /// much, who, where) has its sentences scored for its own words and the topic (<see cref="CondensedQuestion.Scored"/>):
    /// the carried names are in the previous answer's sentence, and counted as question terms they made it win again
    /// whatever the follow-up asked (qa findings A9/A10).
    /// </summary>
    public async Task<(string Query, IReadOnlyList<Passage> Passages, TermWeights Weights, float[] QueryVector)> RetrieveAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, int count, CancellationToken cancellationToken, bool correctSpelling = true, double? contextWeight = null)
    {
        using var span = ChatTelemetry.Start("chat.search");
        var condensed = FollowUpCondenser.Split(ChatNoise.Clean(question), history);
        var weights = await WeightsAsync(library, condensed.Query, cancellationToken);
        if (correctSpelling && SpellingCorrector.MayCorrect(condensed.Query, weights.Unseen)
            && await QuerySpelling.FromLexicalAsync(store, library, condensed.Question, condensed.Query, weights.Unseen, _options.CandidatesPerList, cancellationToken) is { } early)
        {
            (condensed, weights) = await CorrectedAsync(library, condensed, early, cancellationToken);
        }

        var (candidates, vector) = await searcher.SearchAsync(library, condensed.Query, SearchMode.Hybrid, cancellationToken);
        if (correctSpelling && SpellingCorrector.MayCorrect(condensed.Query, weights.Unseen)
            && await QuerySpelling.FromCandidatesAsync(store, condensed.Question, weights.Unseen, candidates, _options.CandidatesPerList, cancellationToken) is { } late)
        {
            (condensed, weights) = await CorrectedAsync(library, condensed, late, cancellationToken);
            (candidates, vector) = await searcher.SearchAsync(library, condensed.Query, SearchMode.Hybrid, cancellationToken);
        }

        var passages = await PassagesAsync(candidates, count, _options.MaxPassagesPerArticle, cancellationToken);
        if (condensed.Context.Count == 0 || passages.Count == 0 || !condensed.AsksForAFact)
        {
            return (condensed.Query, passages, weights, vector);
        }

        var scored = condensed.Scored(passages[0].Article.Title);
        return (scored, passages, condensed.Weigh(await WeightsAsync(library, scored, cancellationToken), contextWeight ?? FollowUpCondenser.ContextWeight), vector);
    }

    private async Task<(CondensedQuestion Condensed, TermWeights Weights)> CorrectedAsync(string library, CondensedQuestion condensed, SpellingCorrection corrected, CancellationToken cancellationToken)
    {
        RetrievalLog.Corrected(logger, corrected.Corrections.Count);
        condensed = condensed with { Question = corrected.Question };
        return (condensed, await WeightsAsync(library, condensed.Query, cancellationToken));
    }

    /// <summary>Ranked article ids for a query (evaluation and search): the best chunk of each article decides its rank.</summary>
    public async Task<IReadOnlyList<(long ArticleId, SearchCandidate Best)>> RankArticlesAsync(string library, string query, SearchMode mode, int limit, CancellationToken cancellationToken)
    {
        var (candidates, _) = await searcher.SearchAsync(library, query, mode, cancellationToken);
        return candidates
            .GroupBy(c => c.ArticleId)
            .Select(g => (g.Key, g.First()))
            .Take(limit)
            .ToList();
    }

    /// <summary>The best articles for a query, read as a question is (<see cref="ChatNoise"/>: no mention or link is searched for).</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string library, string query, int limit, CancellationToken cancellationToken)
    {
        query = ChatNoise.Clean(query);
        var ranked = await RankArticlesAsync(library, query, SearchMode.Hybrid, limit, cancellationToken);
        var chunks = (await store.GetChunksAsync(ranked.Select(r => r.Best.ChunkId).ToList(), cancellationToken)).ToDictionary(c => c.Id);
        var articles = await ArticlesAsync(ranked.Select(r => r.ArticleId).ToList(), cancellationToken);
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var (articleId, best) in ranked)
        {
            if (!articles.TryGetValue(articleId, out var article) || !chunks.TryGetValue(best.ChunkId, out var chunk))
            {
                continue;
            }

            hits.Add(new SearchHit(article, chunk.Id, SnippetBuilder.Build(chunk, query), best.FusedScore, best.LexicalRank, best.DenseRank, best.DenseSimilarity));
        }

        return hits;
    }

    public async Task<Summary?> SummarizeAsync(string library, string reference, SummaryLength length, CancellationToken cancellationToken)
    {
        var article = await FindArticleAsync(library, reference, cancellationToken);
        if (article is null && Uri.TryCreate(reference.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var result = await pipeline.IngestUrlAsync(library, url, cancellationToken);
            article = result.Article ?? throw new IngestionException(result.Error ?? $"Could not read {url}.");
        }

        if (article is null)
        {
            return null;
        }

        var text = await store.GetTextAsync(article.Id, cancellationToken) ?? string.Empty;
        var spans = summarizer.Summarize(text, article.Title, ExtractiveSummarizer.SentenceCount(length));
        var sentences = spans.Select(s => SentenceSplitter.Text(text, s)).ToList(); // a hard-wrapped line break inside a sentence is a space
        var summaryText = string.Join(' ', sentences);
        var citation = new Citation(1, article.Id, article.Title, article.Source, article.Url, summaryText, 1);
        return new Summary(article, summaryText, sentences, citation);
    }

    public Task<IReadOnlyList<IngestResult>> IngestAsync(string library, string pathOrUrl, CancellationToken cancellationToken) =>
        pipeline.IngestAsync(library, pathOrUrl, cancellationToken);

    public Task<IReadOnlyList<Article>> ListArticlesAsync(string library, CancellationToken cancellationToken) => store.ListAsync(library, cancellationToken);

    public Task<Article?> FindArticleAsync(string library, string reference, CancellationToken cancellationToken) =>
        lookup.FindAsync(library, reference, cancellationToken);

    public async Task<Article?> ForgetAsync(string library, string reference, CancellationToken cancellationToken)
    {
        var article = await lookup.FindExactAsync(library, reference, cancellationToken);
        if (article is null || !await pipeline.DeleteAsync(library, article.Id, cancellationToken))
        {
            return null;
        }

        RetrievalLog.Forgot(logger, article.Id, article.Source);
        return article;
    }

    private async Task<TermWeights> WeightsAsync(string library, string query, CancellationToken cancellationToken)
    {
        var tokens = HybridSearcher.QueryTerms(query);
        var (frequency, count) = await store.GetTermStatisticsAsync(library, tokens, cancellationToken);
        return TermWeights.From(tokens, frequency, count);
    }

    private async Task<IReadOnlyList<Passage>> PassagesAsync(IReadOnlyList<SearchCandidate> candidates, int count, int perArticle, CancellationToken cancellationToken)
    {
        var picked = new List<SearchCandidate>(count);
        var perArticleCount = new Dictionary<long, int>();
        foreach (var candidate in candidates)
        {
            if (picked.Count >= count)
            {
                break;
            }

            var used = perArticleCount.GetValueOrDefault(candidate.ArticleId);
            if (used < perArticle)
            {
                picked.Add(candidate);
                perArticleCount[candidate.ArticleId] = used + 1;
            }
        }

        var chunksTask = store.GetChunksWithSentenceVectorsAsync(picked.Select(p => p.ChunkId).ToList(), cancellationToken);
        var articles = await ArticlesAsync(perArticleCount.Keys, cancellationToken);
        var chunks = (await chunksTask).ToDictionary(c => c.Chunk.Id);
        var passages = new List<Passage>(picked.Count);
        foreach (var candidate in picked)
        {
            if (articles.TryGetValue(candidate.ArticleId, out var article) && chunks.TryGetValue(candidate.ChunkId, out var stored))
            {
                passages.Add(new Passage(stored.Chunk, article, candidate) { SentenceVectors = _options.StoredSentenceVectors ? stored.SentenceVectors : null });
            }
        }

        return passages;
    }

    private async Task<Dictionary<long, Article>> ArticlesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        (await store.GetManyAsync(ids, cancellationToken)).ToDictionary(a => a.Id);
}
