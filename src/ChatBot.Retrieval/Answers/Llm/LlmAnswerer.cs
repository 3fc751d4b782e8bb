using ChatBot.Core.Model;
using ChatBot.Retrieval.Llm;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>
/// Writes an answer with the model from numbered, fenced passages (the only source), then checks its citations.
/// Model failures surface as <see cref="LlmUnavailableException"/>; an answer without a valid citation as null.
/// </summary>
public sealed class LlmAnswerer(LlmClient client, PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmAnswerer> logger)
{
    private const int QuoteCharacters = 280;
    private readonly LlmOptions _options = options.Value;

    /// <param name="confidence">The retrieval's confidence, kept on the answer.</param>
    /// <param name="onText">Receives the growing raw text while the model streams; null for one non-streaming call.</param>
    /// <returns>The checked answer, an abstention when the model says the passages do not hold it, or null when nothing it cited was given.</returns>
    public async Task<Answer?> AnswerAsync(
        string question,
        IReadOnlyList<Passage> passages,
        double confidence,
        Func<string, CancellationToken, Task>? onText,
        string correlationId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var fenced = PassageFence.Fit(passages, PassageBudget(question));
        LlmLog.PassagesFitted(logger, fenced.Given.Count, passages.Count, _options.ContextTokens, correlationId);
        var arguments = new KernelArguments
        {
            ["passages"] = fenced.Text,
            ["question"] = question.Trim(),
        };

        var reply = onText is null
            ? await client.CompleteAsync(PromptNames.Answer, arguments, correlationId, cancellationToken)
            : await client.StreamAsync(PromptNames.Answer, arguments, onText, correlationId, cancellationToken);

        if (reply.Contains(PromptNames.NotInArticles, StringComparison.Ordinal))
        {
            LlmLog.NotInArticles(logger, correlationId);
            return NotInArticles(fenced.Given, confidence);
        }

        var checkedAnswer = CitationChecker.Check(reply, fenced.Given.Select(p => p.Article.Id).ToList());
        if (checkedAnswer.Removed > 0)
        {
            LlmLog.CitationsRepaired(logger, checkedAnswer.Removed, correlationId);
        }

        if (!checkedAnswer.HasCitations)
        {
            LlmLog.NoValidCitation(logger, correlationId);
            return null;
        }

        var citations = checkedAnswer.CitedPassages
            .Select((passageNumber, i) =>
            {
                var passage = fenced.Given[passageNumber - 1];
                var article = passage.Article;
                return new Citation(i + 1, article.Id, article.Title, article.Source, article.Url, PassageFence.Cut(passage.Chunk.Text.Trim(), QuoteCharacters), passage.Candidate.FusedScore);
            })
            .ToList();
        return new Answer(checkedAnswer.Text, citations, Abstained: false, Confidence: confidence);
    }

    /// <summary>Tokens left for passages: the context less the reply, the prompt's fixed text and the question.</summary>
    internal int PassageBudget(string question)
    {
        var parts = prompts[PromptNames.Answer];
        var fixedTokens = TokenEstimate.Of(parts.System) + 200 + TokenEstimate.Of(question);
        return Math.Max(100, _options.ContextTokens - _options.MaxTokens - fixedTokens);
    }

    private static Answer NotInArticles(IReadOnlyList<Passage> given, double confidence)
    {
        var closest = given
            .GroupBy(p => p.Article.Id)
            .Select(g => g.First())
            .Take(3)
            .Select((p, i) => new Citation(i + 1, p.Article.Id, p.Article.Title, p.Article.Source, p.Article.Url, string.Empty, p.Candidate.FusedScore))
            .ToList();
        return new Answer(ExtractiveAnswerer.NotFound + " The closest articles are listed below.", closest, Abstained: true, Confidence: Math.Min(confidence, 0.3));
    }
}
