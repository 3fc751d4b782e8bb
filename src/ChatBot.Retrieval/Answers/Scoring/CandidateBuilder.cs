using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The candidate sentences of the answer passages: every sentence with at least three content words that is not a
/// heading or the article's title, with its coverage of the question and its answer-type phrase.
/// </summary>
public static class CandidateBuilder
{
    public static List<SentenceCandidate> Build(SentenceFeatures.QuestionTerms question, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(passages);
        var candidates = new List<SentenceCandidate>();
        for (var p = 0; p < passages.Count; p++)
        {
            var passage = passages[p];
            var title = Normalise(passage.Article.Title);
            var previousCoverage = 0.0;
            var index = 0;
            foreach (var span in passage.Chunk.Sentences)
            {
                var text = SentenceVectors.Input(passage.Chunk.Text, span);
                var stems = TextTerms.ContentTerms(text);
                var coverage = SentenceFeatures.Coverage(question, stems);
                if (stems.Count >= 3 && !SentenceSplitter.IsHeading(text) && Normalise(text) != title)
                {
                    var answerSpan = AnswerType.Find(question.Kind, text, question.Stems);
                    candidates.Add(new SentenceCandidate(passage, p, span, index, text, stems, coverage, previousCoverage, answerSpan));
                    index++;
                }

                previousCoverage = coverage;
            }
        }

        candidates.Sort((a, b) => b.PreScore.CompareTo(a.PreScore));
        return candidates;
    }

    private static string Normalise(string text) => string.Join(' ', TextTerms.Tokens(text).Select(t => t.Token));
}
