using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Search;

/// <summary>A short excerpt of a chunk around the query's words, those words wrapped in **…**.</summary>
public static class SnippetBuilder
{
    public static string Build(Chunk chunk, string query, int maxLength = 280)
    {
        var stems = TextTerms.ContentTerms(query).ToHashSet(StringComparer.Ordinal);
        var text = chunk.Text;

        // Start at the sentence that holds most query words.
        var best = chunk.Sentences.Count == 0 ? new TextSpan(0, text.Length) : chunk.Sentences[0];
        var bestHits = -1;
        foreach (var span in chunk.Sentences)
        {
            var hits = TextTerms.Tokens(text.Substring(span.Start, span.Length)).Count(t => stems.Contains(TextTerms.Stem(t.Token)));
            if (hits > bestHits)
            {
                (best, bestHits) = (span, hits);
            }
        }

        var start = best.Start;
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - start);
            end = space > start ? space : end;
        }

        var builder = new StringBuilder();
        if (start > 0)
        {
            builder.Append('…');
        }

        var cursor = start;
        foreach (var (token, offset, length) in TextTerms.Tokens(text[start..end]))
        {
            if (!TextTerms.IsStopWord(token) && stems.Contains(TextTerms.Stem(token)))
            {
                builder.Append(text, cursor, start + offset - cursor).Append("**").Append(text, start + offset, length).Append("**");
                cursor = start + offset + length;
            }
        }

        builder.Append(text, cursor, end - cursor);
        if (end < text.Length)
        {
            builder.Append('…');
        }

        return builder.ToString().Replace('\n', ' ');
    }
}
