using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Summaries;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Runs the evaluations against a (fresh) store: indexes a corpus (one article per line, source "eval:"+id),
/// ranks documents for queries, answers questions, and summarises texts; returns predictions and metrics. All of it in
/// the private library <see cref="Library"/>, so an evaluation never reads or writes a chat library's articles.
/// </summary>
public sealed class EvaluationRunner(
    IngestionPipeline pipeline,
    RetrievalService retrieval,
    IArticleStore store,
    ExtractiveSummarizer summarizer,
    ExtractiveAnswerer answerer,
    IOptions<SearchOptions> searchOptions)
{
    public const string SourcePrefix = "eval:";

    /// <summary>The library evaluations index into and search, in their own store (a fresh temp directory or --index-dir).</summary>
    public const string Library = "eval";

    /// <summary>The second library of <c>eval retrieval --other-library</c>: rows of another library in the same store.</summary>
    public const string OtherLibrary = "eval-other";
    private const int IndexBatch = 256;

    /// <summary>Indexes the corpus into <paramref name="library"/> (default <see cref="Library"/>); returns eval id by article id.</summary>
    public async Task<Dictionary<long, string>> IndexCorpusAsync(IReadOnlyList<EvalDocument> corpus, Action<int, int>? progress, CancellationToken cancellationToken, string library = Library)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        for (var offset = 0; offset < corpus.Count; offset += IndexBatch)
        {
            var drafts = corpus.Skip(offset).Take(IndexBatch)
                .Select(d => new ArticleDraft(SourcePrefix + d.Id, string.IsNullOrWhiteSpace(d.Title) ? d.Id : d.Title.Trim(), TextCleaner.Clean(d.Text)) { Library = library })
                .ToList();
            await pipeline.IngestDraftsAsync(drafts, cancellationToken);
            progress?.Invoke(Math.Min(offset + IndexBatch, corpus.Count), corpus.Count);
        }

        var articles = await store.ListAsync(library, cancellationToken);
        return articles.Where(a => a.Source.StartsWith(SourcePrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Id, a => a.Source[SourcePrefix.Length..]);
    }

    public async Task<(List<RetrievalPrediction> Predictions, RetrievalReport Report)> RankAsync(
        IReadOnlyList<EvalQuestion> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>>? qrels,
        IReadOnlyDictionary<long, string> evalIdByArticle,
        SearchMode mode,
        int k,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(evalIdByArticle);
        var predictions = new List<RetrievalPrediction>(queries.Count);
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
        var scored = 0;
        var watch = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            var ranked = await retrieval.RankArticlesAsync(Library, query.Question, mode, Math.Max(k, 10), cancellationToken);
            var ids = ranked.Select(r => evalIdByArticle.GetValueOrDefault(r.ArticleId)).OfType<string>().ToList();
            predictions.Add(new RetrievalPrediction(query.Id, ids.Take(k).ToList()));
            var relevance = qrels is not null
                ? qrels.GetValueOrDefault(query.Id) ?? new Dictionary<string, int>()
                : (query.PassageIds ?? []).Distinct().ToDictionary(p => p, _ => 1, StringComparer.Ordinal);
            if (!relevance.Any(r => r.Value > 0))
            {
                continue;
            }

            scored++;
            r1 += RankingMetrics.RecallAt(ids, relevance, 1);
            r5 += RankingMetrics.RecallAt(ids, relevance, 5);
            r10 += RankingMetrics.RecallAt(ids, relevance, 10);
            mrr += RankingMetrics.ReciprocalRankAt(ids, relevance, 10);
            ndcg += RankingMetrics.NdcgAt(ids, relevance, 10);
        }

        var n = Math.Max(scored, 1);
        var report = new RetrievalReport(mode.ToString().ToLowerInvariant(), scored, r1 / n, r5 / n, r10 / n, mrr / n, ndcg / n, watch.Elapsed.TotalMilliseconds / Math.Max(queries.Count, 1));
        return (predictions, report);
    }

    /// <summary>
    /// Asks every question through the ask path (<see cref="RetrievalService.AskAsync(string, string, IReadOnlyList{ConversationTurn}?, Func{string, bool}?, CancellationToken)"/>).
    /// With <paramref name="nearMiss"/> each answerable question is asked a second time with every sentence that holds
    /// a gold answer hidden from the answerer (search still sees the passage): the fact is absent, the topic present.
    /// With <paramref name="followUps"/>, a question that names its article's subject and follows a question about the
    /// same article is asked again as a follow-up (<see cref="FollowUpPairs"/>: the subject replaced by "it"), once with
    /// the previous question and answer as history and once alone. With <paramref name="chat"/> each answerable question
    /// is also asked typed the chat way (<see cref="ChatStyle"/>), with and without spelling correction, and as written
    /// without it: before and after in one run (with <paramref name="nearMiss"/> also the near-miss versions, typed both
    /// ways and as written without correction). With <paramref name="offTopic"/> each answerable question is also
    /// answered from the best passages of other articles (<see cref="OffTopic"/>): it must abstain. With
    /// <paramref name="contextWeights"/> (and <paramref name="followUps"/>) each follow-up is asked with the conversation
    /// once more at each weight (<see cref="ContextWeightRule"/>). Each answerable question also records whether the
    /// passages it was shown hold a gold answer (the fairer answerable abstention).
    /// </summary>
    public async Task<(List<QaPrediction> Predictions, QaReport Report)> AnswerAsync(
        IReadOnlyList<EvalQuestion> questions,
        IReadOnlySet<string> corpusIds,
        IReadOnlyDictionary<long, string> evalIdByArticle,
        CancellationToken cancellationToken,
        bool nearMiss = false,
        bool followUps = false,
        bool chat = false,
        bool offTopic = false,
        IReadOnlyList<double>? contextWeights = null)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(corpusIds);
        ArgumentNullException.ThrowIfNull(evalIdByArticle);
        var predictions = new List<QaPrediction>(questions.Count);
        var threshold = answerer.AbstainBelow;
        var tally = new QaTally(threshold);
        (EvalQuestion Question, Answer Answer)? previous = null;
        foreach (var question in questions)
        {
            var answerable = question.IsAnswerable(corpusIds);
            var answer = await AskOneAsync(question, question.Question, null, answerable ? QaTally.Kind.Answerable : QaTally.Kind.Unanswerable, null, string.Empty);
            if (nearMiss && answerable && question.Answers is { Count: > 0 } golds)
            {
                await AskOneAsync(question, question.Question, null, QaTally.Kind.NearMiss, sentence => SquadScoring.ContainsGold(sentence, golds), "#near-miss");
            }

            if (offTopic && answerable)
            {
                var (query, wider, weights, vector) = await retrieval.RetrieveAsync(Library, question.Question, null, searchOptions.Value.AnswerPassages + OffTopic.ExtraPassages, cancellationToken);
                var shown = OffTopic.OtherArticles(wider, question, searchOptions.Value.AnswerPassages);
                Record(question, QaTally.Kind.OffTopic, "#off-topic", await answerer.AnswerAsync(query, weights, shown, vector, cancellationToken, quoteBelowThreshold: true));
            }

            if (chat && answerable)
            {
                var typed = ChatStyle.Rewrite(question.Question, question.Id);
                await AskOneAsync(question, typed, null, QaTally.Kind.Chat, null, "#chat");
                await AskOneAsync(question, typed, null, QaTally.Kind.ChatUncorrected, null, "#chat-uncorrected", correctSpelling: false);
                await AskOneAsync(question, question.Question, null, QaTally.Kind.AnswerableUncorrected, null, "#uncorrected", correctSpelling: false);
                if (nearMiss && question.Answers is { Count: > 0 } hidden)
                {
                    await AskOneAsync(question, typed, null, QaTally.Kind.ChatNearMiss, sentence => SquadScoring.ContainsGold(sentence, hidden), "#chat-near-miss");
                    await AskOneAsync(question, typed, null, QaTally.Kind.ChatNearMissUncorrected, sentence => SquadScoring.ContainsGold(sentence, hidden), "#chat-near-miss-uncorrected", correctSpelling: false);
                    await AskOneAsync(question, question.Question, null, QaTally.Kind.NearMissUncorrected, sentence => SquadScoring.ContainsGold(sentence, hidden), "#near-miss-uncorrected", correctSpelling: false);
                }
            }

            if (followUps && answerable && previous is { } before && FollowUpPairs.FollowUp(before.Question, question) is { } followUp)
            {
                var history = new List<ConversationTurn>
                {
                    new(ConversationRole.User, before.Question.Question, DateTimeOffset.UnixEpoch),
                    new(ConversationRole.Bot, before.Answer.Text, DateTimeOffset.UnixEpoch),
                };
                await AskOneAsync(question, followUp, history, QaTally.Kind.FollowUp, null, "#follow-up");
                await AskOneAsync(question, followUp, null, QaTally.Kind.FollowUpAlone, null, "#follow-up-alone");
                foreach (var weight in contextWeights ?? [])
                {
                    var quoted = await retrieval.AskAsync(Library, followUp, history, null, cancellationToken, quoteBelowThreshold: true, contextWeight: weight);
                    tally.AddFollowUpAt(weight, question, quoted);
                    Predict(question, string.Create(CultureInfo.InvariantCulture, $"#follow-up@{weight:0.###}"), quoted);
                }
            }

            previous = (question, answer);
        }

        return (predictions, tally.Report());

        async Task<Answer> AskOneAsync(EvalQuestion question, string asked, IReadOnlyList<ConversationTurn>? history, QaTally.Kind kind, Func<string, bool>? hide, string suffix, bool correctSpelling = true)
        {
            // Quoted even below the threshold, so the sweep reads every threshold from one run; the tally and the
            // predictions count an answer below Search:AbstainBelow as abstained, as an ask would.
            var (quoted, shown) = await retrieval.AskShowingAsync(Library, asked, history, hide, cancellationToken, quoteBelowThreshold: true, correctSpelling: correctSpelling);
            return Record(question, kind, suffix, quoted, question.Answers is { Count: > 0 } golds && shown.Any(p => SquadScoring.ContainsGold(p.Chunk.Text, golds)));
        }

        Answer Record(EvalQuestion question, QaTally.Kind kind, string suffix, Answer quoted, bool goldShown = false)
        {
            tally.Add(kind, question, quoted, goldShown);
            return Predict(question, suffix, quoted);
        }

        Answer Predict(EvalQuestion question, string suffix, Answer quoted)
        {
            var answer = quoted.Confidence < threshold ? quoted with { Text = ExtractiveAnswerer.NotFound, Abstained = true, Sentences = null, Citations = [] } : quoted;
            var text = answer.Abstained ? string.Empty : string.Join(' ', answer.Sentences ?? answer.Citations.Select(c => c.Quote).ToList());
            var citedIds = answer.Abstained ? [] : answer.Citations.Select(c => c.Source.StartsWith(SourcePrefix, StringComparison.Ordinal) ? c.Source[SourcePrefix.Length..] : c.Source).ToList();
            predictions.Add(new QaPrediction(question.Id + suffix, text, answer.Abstained, citedIds, answer.Confidence));
            return answer;
        }
    }

    /// <summary>Summarises each input in <paramref name="sentences"/> sentences; Lead-1 and Lead-3 alongside.</summary>
    public (List<SummaryPrediction> Predictions, SummaryReport Report) Summarize(IReadOnlyList<EvalSummaryInput> inputs, int sentences, double? leadWeight)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var predictions = new List<SummaryPrediction>(inputs.Count);
        double s1 = 0, s2 = 0, sl = 0, a1 = 0, a2 = 0, al = 0, b1 = 0, b2 = 0, bl = 0;
        var scored = 0;
        foreach (var input in inputs)
        {
            var text = TextCleaner.Clean(input.Text);
            var spans = leadWeight is double w ? summarizer.Summarize(text, input.Title, sentences, w) : summarizer.Summarize(text, input.Title, sentences);
            var summary = string.Join(' ', spans.Select(s => text.Substring(s.Start, s.Length)));
            predictions.Add(new SummaryPrediction(input.Id, summary));
            var references = input.References;
            if (references.Count == 0)
            {
                continue;
            }

            var all = input.SourceSentences is { Count: > 0 } given ? given : SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();
            scored++;
            var (x1, x2, xl) = RougeScorer.BestOf(summary, references);
            var (y1, y2, yl) = RougeScorer.BestOf(string.Join(' ', all.Take(1)), references);
            var (z1, z2, zl) = RougeScorer.BestOf(string.Join(' ', all.Take(3)), references);
            s1 += x1; s2 += x2; sl += xl;
            a1 += y1; a2 += y2; al += yl;
            b1 += z1; b2 += z2; bl += zl;
        }

        var n = Math.Max(scored, 1) / 100.0;
        return (predictions, new SummaryReport(scored, (s1 / n, s2 / n, sl / n), (a1 / n, a2 / n, al / n), (b1 / n, b2 / n, bl / n)));
    }
}
