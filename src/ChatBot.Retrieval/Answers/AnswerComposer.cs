using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// The shape of an extractive answer: the best sentence first, its answer phrase in **bold** when the question's
/// answer type matched; then at most <c>maxSentences − 1</c> more, each only when the first stage found it at least
/// <see cref="FurtherShare"/> as likely as the best and it adds a question term the quoted sentences lack or a phrase
/// of the expected answer type. Each article gets one citation number; an answer drawing on two articles cites both.
/// </summary>
public static class AnswerComposer
{
    /// <summary>
    /// How likely a further sentence must be, as a share of the best's (first-stage probabilities, so all are on one
    /// scale): chosen on the held-out quarter of the train articles in <c>eval train-first-stage</c> (0.5 quoted 1.3
    /// sentences holding gold for 83 % of questions, 0.2 quoted 1.8 for 88 %, 0 quoted 3 for 91 %).
    /// </summary>
    public const double FurtherShare = 0.2;

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
            if (Likelihood(candidate) < Likelihood(best) * FurtherShare || (adds.Count == 0 && candidate.AnswerSpan is null) || chosen.Any(c => c.Overlaps(candidate)))
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

    // the first stage's probability (the best's own was re-scored by the second stage); a candidate ranked otherwise has only its probability
    private static double Likelihood(SentenceCandidate candidate) => candidate.FirstStageProbability > 0 ? candidate.FirstStageProbability : candidate.Probability;

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
