using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// Answers without a language model: scores every sentence of the best passages against the question
/// (idf-weighted coverage of the question's words, the passage's cosine and rank), quotes the best few
/// with citation numbers, and abstains when the evidence is weak.
/// </summary>
public sealed class ExtractiveAnswerer(IOptions<SearchOptions> options)
{
    public const string NotFound = "I could not find that in the indexed articles.";

    private readonly SearchOptions _options = options.Value;

    public Answer Answer(string question, TermWeights weights, IReadOnlyList<Passage> passages)
    {
        if (passages.Count == 0)
        {
            return new Answer(NotFound + " Nothing is indexed that matches it.", [], Abstained: true, Confidence: 0);
        }

        var scored = ScoreSentences(weights, passages);
        var best = scored.Count == 0 ? null : scored[0];
        var topSimilarity = passages.Max(p => p.Candidate.DenseSimilarity);
        var confidence = Confidence(best?.Coverage ?? 0, topSimilarity);
        if (best is null || confidence < _options.AbstainBelow)
        {
            return Abstain(passages, confidence);
        }

        var chosen = new List<ScoredSentence> { best };
        foreach (var candidate in scored.Skip(1))
        {
            if (chosen.Count >= _options.MaxAnswerSentences)
            {
                break;
            }

            if (candidate.Score >= best.Score * 0.75 && candidate.Coverage > 0.25 && !chosen.Any(c => Overlaps(c, candidate)))
            {
                chosen.Add(candidate);
            }
        }

        // Quote in reading order within an article, articles in order of first appearance.
        var citations = new List<Citation>();
        var numberByArticle = new Dictionary<long, int>();
        var text = new StringBuilder();
        foreach (var sentence in chosen.OrderBy(c => c.PassageIndex).ThenBy(c => c.Chunk.Start + c.Span.Start))
        {
            var article = sentence.Passage.Article;
            if (!numberByArticle.TryGetValue(article.Id, out var number))
            {
                number = numberByArticle.Count + 1;
                numberByArticle[article.Id] = number;
                citations.Add(new Citation(number, article.Id, article.Title, article.Source, article.Url, sentence.Text, sentence.Score));
            }
            else
            {
                var existing = citations[number - 1];
                citations[number - 1] = existing with { Quote = existing.Quote + " " + sentence.Text };
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append('“').Append(sentence.Text).Append("” [").Append(number).Append(']');
        }

        return new Answer(text.ToString(), citations, Abstained: false, Confidence: confidence);
    }

    /// <summary>0..1: how much of the question the best sentence covers, and how close the best passage is in meaning.</summary>
    public static double Confidence(double coverage, float topSimilarity) =>
        Math.Clamp((0.6 * coverage) + (0.4 * Math.Clamp((topSimilarity - 0.15) / 0.5, 0, 1)), 0, 1);

    private static Answer Abstain(IReadOnlyList<Passage> passages, double confidence)
    {
        var closest = passages
            .GroupBy(p => p.Article.Id)
            .Select(g => g.First())
            .Take(3)
            .Select((p, i) => new Citation(i + 1, p.Article.Id, p.Article.Title, p.Article.Source, p.Article.Url, string.Empty, p.Candidate.FusedScore))
            .ToList();
        return new Answer(NotFound + " The closest articles are listed below.", closest, Abstained: true, Confidence: confidence);
    }

    private static List<ScoredSentence> ScoreSentences(TermWeights weights, IReadOnlyList<Passage> passages)
    {
        var total = weights.Total;
        var scored = new List<ScoredSentence>();
        for (var p = 0; p < passages.Count; p++)
        {
            var passage = passages[p];
            var rankPrior = 1.0 / (1 + p);
            foreach (var span in passage.Chunk.Sentences)
            {
                var sentence = passage.Chunk.Text.Substring(span.Start, span.Length);
                var words = TextTerms.ContentTerms(sentence);
                if (words.Count < 3 || SentenceSplitter.IsHeading(sentence))
                {
                    continue;
                }

                var present = new HashSet<string>(words, StringComparer.Ordinal);
                var matched = weights.ByStem.Where(w => present.Contains(w.Key)).Sum(w => w.Value);
                var coverage = total > 0 ? matched / total : 0;
                var score = (0.65 * coverage) + (0.25 * Math.Max(0, passage.Candidate.DenseSimilarity)) + (0.10 * rankPrior);
                scored.Add(new ScoredSentence(passage, p, passage.Chunk, span, sentence, coverage, score));
            }
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        return scored;
    }

    private static bool Overlaps(ScoredSentence a, ScoredSentence b) =>
        a.Passage.Article.Id == b.Passage.Article.Id
        && a.Chunk.Start + a.Span.Start < b.Chunk.Start + b.Span.End
        && b.Chunk.Start + b.Span.Start < a.Chunk.Start + a.Span.End;

    private sealed record ScoredSentence(Passage Passage, int PassageIndex, Chunk Chunk, TextSpan Span, string Text, double Coverage, double Score);
}
