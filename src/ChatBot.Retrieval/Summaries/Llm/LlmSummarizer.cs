using System.Globalization;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers.Llm;
using ChatBot.Retrieval.Llm;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Summaries.Llm;

/// <summary>
/// Summarises an article with the model. An article longer than the context is cut on sentence boundaries
/// into parts that fit (map: one summary per part), whose summaries are then combined (reduce).
/// </summary>
public sealed class LlmSummarizer(LlmClient client, PromptLibrary prompts, IOptions<LlmOptions> options, ILogger<LlmSummarizer> logger)
{
    /// <summary>At most this many parts are summarised (each costs a request); the rest of a huge article is left out.</summary>
    public const int MaxParts = 12;

    private readonly LlmOptions _options = options.Value;

    /// <returns>The summary text, or null when the model's reply is unusable.</returns>
    public async Task<string?> SummarizeAsync(Article article, string text, SummaryLength length, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(text);
        var sentences = ExtractiveSummarizer.SentenceCount(length);
        var parts = Split(text, TextBudgetCharacters());
        string summary;
        if (parts.Count == 1)
        {
            summary = await CallAsync(article.Title, parts[0], "the whole text", sentences, correlationId, cancellationToken);
        }
        else
        {
            LlmLog.MapReduce(logger, article.Id, parts.Count, correlationId);
            var notes = new List<string>(parts.Count);
            for (var i = 0; i < parts.Count; i++)
            {
                var part = string.Format(CultureInfo.InvariantCulture, "part {0} of {1}", i + 1, parts.Count);
                notes.Add(await CallAsync(article.Title, parts[i], part, 3, correlationId, cancellationToken));
            }

            var combined = string.Join("\n\n", notes.Select((n, i) => string.Format(CultureInfo.InvariantCulture, "Part {0}: {1}", i + 1, n)));
            summary = await CallAsync(article.Title, PassageFence.Cut(combined, TextBudgetCharacters()), "notes on all parts", sentences, correlationId, cancellationToken);
        }

        summary = summary.Replace(PromptNames.NotInArticles, string.Empty, StringComparison.Ordinal).Trim();
        if (summary.Length < 20)
        {
            LlmLog.UnusableSummary(logger, correlationId);
            return null;
        }

        return summary;
    }

    /// <summary>Characters of article text one call can take: the context less the reply and the prompt.</summary>
    internal int TextBudgetCharacters()
    {
        var fixedTokens = TokenEstimate.Of(prompts[PromptNames.Summarize].System) + 150;
        return Math.Max(400, (_options.ContextTokens - _options.MaxTokens - fixedTokens) * TokenEstimate.CharactersPerToken);
    }

    /// <summary>Cuts text on sentence boundaries into parts of at most <paramref name="characters"/> (a longer sentence is cut).</summary>
    internal static IReadOnlyList<string> Split(string text, int characters)
    {
        if (text.Length <= characters)
        {
            return [text];
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var span in SentenceSplitter.Split(text))
        {
            var sentence = text.Substring(span.Start, span.Length).Trim();
            if (current.Length > 0 && current.Length + sentence.Length + 1 > characters)
            {
                parts.Add(current.ToString());
                current.Clear();
            }

            if (parts.Count == MaxParts)
            {
                break;
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(PassageFence.Cut(sentence, characters));
        }

        if (current.Length > 0 && parts.Count < MaxParts)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private Task<string> CallAsync(string title, string text, string part, int sentences, string correlationId, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments
        {
            ["title"] = PassageFence.Escape(title),
            ["text"] = PassageFence.Escape(text),
            ["part"] = part,
            ["sentences"] = sentences.ToString(CultureInfo.InvariantCulture),
        };
        return client.CompleteAsync(PromptNames.Summarize, arguments, correlationId, cancellationToken);
    }
}
