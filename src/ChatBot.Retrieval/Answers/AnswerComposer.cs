using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// The shape of an extractive answer: the best sentence first, its answer phrase in **bold** when the question's
/// answer type matched; then at most <c>maxSentences − 1</c> more, each only when it is at least half as likely and
/// adds a question term the quoted sentences lack. Each article gets one citation number; an answer drawing on two
/// articles cites both.
/// </summary>
public static class AnswerComposer
{
    public static Answer Compose(string question, IReadOnlyList<SentenceCandidate> ranked, int maxSentences, double confidence)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var questionStems = TextTerms.ContentTerms(question).ToHashSet(StringComparer.Ordinal);
        var best = ranked[0];
        var chosen = new List<SentenceCandidate> { best };
        var covered = best.Stems.Where(questionStems.Contains).ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in ranked.Skip(1))
        {
            if (chosen.Count >= maxSentences)
            {
                break;
            }

            var adds = candidate.Stems.Where(s => questionStems.Contains(s) && !covered.Contains(s)).ToList();
            if (candidate.Probability < best.Probability * 0.5 || adds.Count == 0 || chosen.Any(c => c.Overlaps(candidate)))
            {
                continue;
            }

            chosen.Add(candidate);
            covered.UnionWith(adds);
        }

        var citations = new List<Citation>();
        var numberByArticle = new Dictionary<long, int>();
        var text = new StringBuilder();
        foreach (var sentence in chosen)
        {
            var article = sentence.Passage.Article;
            if (!numberByArticle.TryGetValue(article.Id, out var number))
            {
                number = numberByArticle.Count + 1;
                numberByArticle[article.Id] = number;
                citations.Add(new Citation(number, article.Id, article.Title, article.Source, article.Url, sentence.Text, sentence.Probability));
            }
            else
            {
                var existing = citations[number - 1];
                citations[number - 1] = existing with { Quote = existing.Quote + " " + sentence.Text };
            }

            text.Append(text.Length > 0 ? " " : string.Empty)
                .Append('“').Append(Marked(sentence)).Append("” [").Append(number).Append(']');
        }

        return new Answer(text.ToString(), citations, Abstained: false, Confidence: confidence, Sentences: chosen.Select(c => c.Text).ToList());
    }

    /// <summary>The sentence with its answer phrase in **bold**.</summary>
    public static string Marked(SentenceCandidate sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (sentence.AnswerSpan is not { } span)
        {
            return sentence.Text;
        }

        var text = sentence.Text;
        return text[..span.Start] + "**" + text.Substring(span.Start, span.Length) + "**" + text[span.End..];
    }
}
