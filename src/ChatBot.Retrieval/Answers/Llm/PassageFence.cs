using System.Text;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>
/// Puts article text inside <c>&lt;passage id="n"&gt;…&lt;/passage&gt;</c> fences as data. Angle brackets
/// inside are escaped, so an article cannot close its fence, open a new one or fake a message; and the passages
/// are cut to fit the model's context.
/// </summary>
public static class PassageFence
{
    /// <summary>Escapes text so it cannot contain a tag: &lt; and &gt; become entities (quotes and ampersands stay readable).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Escapes an attribute value: as <see cref="Escape"/>, and double quotes.</summary>
    public static string EscapeAttribute(string text) => Escape(text).Replace("\"", "&quot;", StringComparison.Ordinal);

    public static string Fence(int number, string title, string text) =>
        $"<passage id=\"{number}\" title=\"{EscapeAttribute(title)}\">\n{Escape(text.Trim())}\n</passage>";

    /// <summary>
    /// Fences passages in rank order while they fit <paramref name="tokenBudget"/>; the first is always given, cut
    /// to the budget when it alone is too long.
    /// </summary>
    public static FencedPassages Fit(IReadOnlyList<Passage> passages, int tokenBudget)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = new StringBuilder();
        var given = new List<Passage>();
        foreach (var passage in passages)
        {
            var number = given.Count + 1;
            var fenced = Fence(number, passage.Article.Title, passage.Chunk.Text);
            var needed = TokenEstimate.Of(fenced) + 1;
            if (TokenEstimate.Of(text.ToString()) + needed > tokenBudget)
            {
                if (given.Count > 0)
                {
                    break;
                }

                var room = Math.Max(200, (tokenBudget * TokenEstimate.CharactersPerToken) - 200);
                fenced = Fence(number, passage.Article.Title, Cut(passage.Chunk.Text, room));
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(fenced);
            given.Add(passage);
        }

        return new FencedPassages(text.ToString(), given, passages.Count - given.Count);
    }

    /// <summary>Cuts text to at most <paramref name="characters"/> at a word boundary, with an ellipsis.</summary>
    public static string Cut(string text, int characters)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= characters)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, characters - 1));
        return text[..(cut > characters / 2 ? cut : characters)].TrimEnd() + "…";
    }
}
