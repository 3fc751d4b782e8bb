using System.Text.RegularExpressions;

namespace ChatBot.Core.Chat;

/// <summary>
/// The article links in a chat message: absolute http(s) URLs, from plain text, Discord's <c>&lt;url&gt;</c> and Slack's
/// <c>&lt;url|label&gt;</c>, without trailing punctuation, each once, in order. The one place that decides what a link is
/// for "Summarize" on a message, "Ask about this article" and link summaries.
/// </summary>
public static partial class MessageLinks
{
    /// <summary>At most this many links of one message are read: a message with dozens is a list, not an article.</summary>
    public const int MaxLinks = 3;

    public static IReadOnlyList<Uri> Find(string? text, int max = MaxLinks)
    {
        var links = new List<Uri>();
        foreach (Match match in Url().Matches(text ?? string.Empty))
        {
            var value = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '*', '_', '~');
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !links.Contains(uri))
            {
                links.Add(uri);
                if (links.Count == max)
                {
                    break;
                }
            }
        }

        return links;
    }

    [GeneratedRegex(@"https?://[^\s<>|""`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
