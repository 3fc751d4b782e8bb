using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>Checks a model's [n] citations against the passages it was given, before anything is posted.</summary>
public static partial class CitationChecker
{
    /// <param name="articleOfPassage">The article id of passage n at index n-1.</param>
    public static CheckedAnswer Check(string text, IReadOnlyList<long> articleOfPassage)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(articleOfPassage);
        var numberOfArticle = new Dictionary<long, int>();
        var cited = new List<int>();
        var removed = 0;
        var rewritten = Marker().Replace(text, match =>
        {
            var output = new StringBuilder();
            var seen = new HashSet<int>();
            foreach (var part in match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, out var passage) || passage < 1 || passage > articleOfPassage.Count)
                {
                    removed++;
                    continue;
                }

                var article = articleOfPassage[passage - 1];
                if (!numberOfArticle.TryGetValue(article, out var number))
                {
                    number = numberOfArticle.Count + 1;
                    numberOfArticle[article] = number;
                    cited.Add(passage);
                }

                if (seen.Add(number))
                {
                    output.Append('[').Append(number).Append(']');
                }
            }

            return output.ToString();
        });

        return new CheckedAnswer(Tidy(rewritten), cited, removed);
    }

    /// <summary>Removes what deleting markers leaves behind: "[1][1]", spaces before punctuation, double spaces.</summary>
    private static string Tidy(string text)
    {
        var once = Repeated().Replace(text, "$1");
        once = SpaceBeforePunctuation().Replace(once, "$1");
        return DoubleSpace().Replace(once, " ").Trim();
    }

    [GeneratedRegex(@"\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(\[\d+\])(?:\s*\1)+")]
    private static partial Regex Repeated();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpace();
}
