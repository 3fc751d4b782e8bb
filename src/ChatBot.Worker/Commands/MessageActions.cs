using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;

namespace ChatBot.Worker.Commands;

/// <summary>
/// The message actions: "Summarize" on a message (each article link read and summarised, else the message's own text
/// when it is long enough) and "Ask about this article" (answered from that article only). Links are read through
/// retrieval, so the SSRF guard and the ingestion limits apply and the articles join the caller's library; an article is
/// found only in that library.
/// </summary>
public sealed class MessageActions(IRetrievalService retrieval, IArticleReader? reader)
{
    /// <summary>A message without a link is summarised only from this many words on: a shorter one is its own summary.</summary>
    public const int MinWordsToSummarize = 60;

    public const string TooShort = "That message has no article link, and it is too short to summarize.";

    public async Task<ChatReply> SummarizeMessageAsync(string library, string text, CancellationToken cancellationToken)
    {
        var links = MessageLinks.Find(text);
        if (links.Count == 0)
        {
            return SummarizeText(text);
        }

        var summaries = new List<Summary>();
        var problems = new List<string>();
        foreach (var link in links)
        {
            try
            {
                if (await retrieval.SummarizeAsync(library, link.AbsoluteUri, SummaryLength.Medium, cancellationToken) is { } summary)
                {
                    summaries.Add(summary);
                }
            }
            catch (IngestionException ex)
            {
                problems.Add(ex.Message);
            }
        }

        var note = problems.Count == 0 ? null : "Not read: " + string.Join("; ", problems);
        return summaries.Count switch
        {
            0 => ChatReply.Refusal("I couldn't read the link in that message. " + string.Join(" ", problems)),
            1 => ReplyComposer.FromSummary(summaries[0]) with { Note = note ?? summaries[0].Note },
            _ => Combined(summaries) with { Note = note },
        };
    }

    /// <summary>"&lt;article&gt; &lt;question&gt;": the article (a link, a number or a title without spaces) and the question.</summary>
    public async Task<ChatReply> AskArticleAsync(string library, string argument, CancellationToken cancellationToken)
    {
        var space = argument.IndexOfAny([' ', '\n', '\t']);
        var reference = space < 0 ? argument : argument[..space];
        var question = space < 0 ? string.Empty : argument[(space + 1)..].Trim();
        if (reference.Length == 0 || question.Length == 0 || !question.Any(char.IsLetterOrDigit))
        {
            return ChatReply.Refusal("Ask what about the article? Type a question.");
        }

        if (reader is null)
        {
            return ChatReply.Info("Questions about one article are not available in this build.");
        }

        var article = await retrieval.FindArticleAsync(library, reference, cancellationToken);
        if (article is null && CommandRouter.IsWebUrl(reference))
        {
            var results = await retrieval.IngestAsync(library, reference, cancellationToken);
            var result = results.Count > 0 ? results[0] : null;
            article = result?.Article ?? throw new IngestionException(result?.Problem ?? $"Could not read {reference}.");
        }

        if (article is null)
        {
            return ChatReply.Refusal($"No indexed article matches “{reference}”.");
        }

        var answer = await reader.AskArticleAsync(article, question, cancellationToken);
        return ReplyComposer.FromAnswer(answer) with { Title = $"About “{article.Title}”: {question}" };
    }

    private ChatReply SummarizeText(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < MinWordsToSummarize || reader is null)
        {
            return ChatReply.Refusal(TooShort);
        }

        var sentences = reader.SummarizeText(text, SummaryLength.Short);
        return sentences.Count == 0
            ? ChatReply.Refusal(TooShort)
            : new ChatReply(ReplyKind.Summary, string.Join(' ', sentences)) { Title = "Summary of the message" };
    }

    /// <summary>Several articles: one paragraph each, numbered like citations.</summary>
    private static ChatReply Combined(IReadOnlyList<Summary> summaries)
    {
        var citations = summaries.Select((s, i) => s.Citation with { Number = i + 1 }).ToList();
        var text = string.Join("\n\n", summaries.Select((s, i) => $"**{s.Article.Title}** [{i + 1}]: {s.Text}"));
        return new ChatReply(ReplyKind.Summary, text) { Title = $"Summaries of {summaries.Count} articles", Citations = citations };
    }
}
