using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// A question about a name the articles never mention ("the mayor of Zorblax40" when only Zorblax00, 05 and 10 are
/// indexed) is not answered from the neighbours' facts: a question word that no passage contains and that reads as a
/// name (capitalised inside the question, or letters mixed with digits) means the subject is not in the articles.
/// </summary>
public static class UnknownNames
{
    public static string? Find(string question, TermWeights weights)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Unseen.Count == 0)
        {
            return null;
        }

        foreach (var (token, start, length) in TextTerms.Tokens(question))
        {
            if (!weights.Unseen.Contains(token))
            {
                continue;
            }

            var word = question.AsSpan(start, length);
            var mixed = word.ContainsAnyInRange('0', '9') && word.ContainsAnyExceptInRange('0', '9');
            if (mixed || (start > 0 && char.IsUpper(word[0])))
            {
                return word.ToString();
            }
        }

        return null;
    }
}
