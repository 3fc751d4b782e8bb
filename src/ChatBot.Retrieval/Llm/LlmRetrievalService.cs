using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Telemetry;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Llm;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Summaries.Llm;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Llm;

/// <summary>
/// The retrieval service with model-written answers and summaries: a decorator over the offline service.
/// Follow-ups are condensed with the thread's turns, answers are written from the retrieved passages only and
/// their citations checked; whenever the model fails, is out of budget or cites nothing it was given, the
/// extractive answer is returned with a note. Search, ingestion and the rest are the inner service's.
/// </summary>
public sealed class LlmRetrievalService(
    IRetrievalService inner,
    IPassageRetriever retriever,
    ExtractiveAnswerer extractive,
    IArticleStore store,
    LlmAnswerer answerer,
    QuestionCondenser condenser,
    LlmSummarizer summarizer,
    IOptions<SearchOptions> searchOptions,
    IOptions<LlmOptions> llmOptions,
    TimeProvider time) : IRetrievalService, IStreamingRetrievalService
{
    public const string UnavailableNote = "The language model was unavailable; this answer is quoted from the articles.";
    public const string UnavailableAbstainNote = "The language model was unavailable.";
    public const string UncheckedNote = "The language model's answer did not cite the articles correctly; this answer is quoted from them.";
    /// <summary>The <see cref="Answer.ModelFallback"/> of an answer whose model citations failed the check.</summary>
    public const string UncheckedFallback = "unchecked citations";
    public const string SummaryUnavailableNote = "The language model was unavailable; this summary is quoted from the article.";

    private readonly SearchOptions _search = searchOptions.Value;
    private readonly LlmOptions _llm = llmOptions.Value;

    /// <summary>The inner (offline) service this decorates.</summary>
    public IRetrievalService Inner => inner;

    public static string NewCorrelationId() => Guid.NewGuid().ToString("N")[..10];

    public Task<Answer> AskAsync(string library, string question, IReadOnlyList<ConversationTurn>? history, CancellationToken cancellationToken) =>
        AnswerAsync(library, question, history, onPartial: null, cancellationToken);

    public Task<Answer> AskStreamingAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, Func<string, CancellationToken, Task> onPartial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onPartial);
        return AnswerAsync(library, question, history, onPartial, cancellationToken);
    }

    public async Task<Summary?> SummarizeAsync(string library, string reference, SummaryLength length, CancellationToken cancellationToken)
    {
        // The offline summary finds (or ingests) the article in the library and is the fallback.
        var quoted = await inner.SummarizeAsync(library, reference, length, cancellationToken);
        if (quoted is null)
        {
            return null;
        }

        var text = await store.GetTextAsync(quoted.Article.Id, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return quoted;
        }

        var correlationId = NewCorrelationId();
        try
        {
            var written = await summarizer.SummarizeAsync(quoted.Article, text, length, correlationId, cancellationToken);
            if (written is null)
            {
                return quoted with { Note = WithRef(SummaryUnavailableNote, correlationId) };
            }

            var sentences = SentenceSplitter.Split(written).Select(s => written.Substring(s.Start, s.Length).Trim()).Where(s => s.Length > 0).ToList();
            return new Summary(quoted.Article, written, sentences, quoted.Citation with { Quote = written });
        }
        catch (LlmUnavailableException)
        {
            return quoted with { Note = WithRef(SummaryUnavailableNote, correlationId) };
        }
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string library, string query, int limit, CancellationToken cancellationToken) =>
        inner.SearchAsync(library, query, limit, cancellationToken);

    public Task<IReadOnlyList<IngestResult>> IngestAsync(string library, string pathOrUrl, CancellationToken cancellationToken) =>
        inner.IngestAsync(library, pathOrUrl, cancellationToken);

    public Task<IReadOnlyList<Article>> ListArticlesAsync(string library, CancellationToken cancellationToken) => inner.ListArticlesAsync(library, cancellationToken);

    public Task<Article?> FindArticleAsync(string library, string reference, CancellationToken cancellationToken) => inner.FindArticleAsync(library, reference, cancellationToken);

    public Task<Article?> ForgetAsync(string library, string reference, CancellationToken cancellationToken) => inner.ForgetAsync(library, reference, cancellationToken);

    private static string WithRef(string note, string correlationId) => $"{note} (ref {correlationId})";

    private static Answer Unavailable(Answer quoted, string correlationId, LlmUnavailableException failure) =>
        quoted with { Note = WithRef(quoted.Abstained ? UnavailableAbstainNote : UnavailableNote, correlationId), ModelFallback = failure.Reason };

    private async Task<Answer> AnswerAsync(
        string library,
        string question, IReadOnlyList<ConversationTurn>? history, Func<string, CancellationToken, Task>? onPartial, CancellationToken cancellationToken)
    {
        var correlationId = NewCorrelationId();
        var standalone = Text.ChatNoise.Clean(question);
        var retrievalHistory = history;
        if (history is { Count: > 0 } && QuestionCondenser.FormatHistory(history, question).Length > 0)
        {
            try
            {
                standalone = await condenser.CondenseAsync(question, history, correlationId, cancellationToken);
                retrievalHistory = null;
            }
            catch (LlmUnavailableException ex)
            {
                return Unavailable(await inner.AskAsync(library, question, history, cancellationToken), correlationId, ex);
            }
        }

        var (passages, weights) = await retriever.RetrievePassagesAsync(library, standalone, retrievalHistory, _search.AnswerPassages, cancellationToken);
        var quoted = extractive.Answer(standalone, weights, passages);
        if (passages.Count == 0)
        {
            return quoted;
        }

        Func<string, CancellationToken, Task>? onText = null;
        if (onPartial is not null)
        {
            var throttle = new StreamThrottle(TimeSpan.FromMilliseconds(_llm.StreamUpdateMilliseconds), time, onPartial);
            onText = (text, token) => LooksLikeAbstention(text) ? Task.CompletedTask : throttle.OfferAsync(text, token);
        }

        try
        {
            using var span = ChatTelemetry.StartAnswer("model");
            var written = await answerer.AnswerAsync(standalone, passages, quoted.Confidence, onText, correlationId, cancellationToken);
            return written ?? quoted with { Note = WithRef(UncheckedNote, correlationId), ModelFallback = UncheckedFallback };
        }
        catch (LlmUnavailableException ex)
        {
            return Unavailable(quoted, correlationId, ex);
        }
    }

    /// <summary>The start of "NOT_IN_ARTICLES" is not shown to anyone while it streams.</summary>
    private static bool LooksLikeAbstention(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Contains(PromptNames.NotInArticles, StringComparison.Ordinal)
            || PromptNames.NotInArticles.StartsWith(trimmed, StringComparison.Ordinal);
    }
}
