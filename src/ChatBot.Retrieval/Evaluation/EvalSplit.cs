namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// The declared train/test split of a question set, by article so no article is in both: FNV-1a (32-bit) of the
/// question's <c>article_id</c> (else its id), odd = test, even = train. Weights are learned on train; figures are
/// reported on test. A fixed sample takes evenly spaced questions, so the same ones every run.
/// </summary>
public static class EvalSplit
{
    public static bool IsTest(EvalQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return (Fnv1a(question.ArticleId ?? question.Id) & 1) == 1;
    }

    public static List<EvalQuestion> Select(IReadOnlyList<EvalQuestion> questions, string? split, int? sample)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var chosen = split?.ToLowerInvariant() switch
        {
            null or "" or "all" => questions.ToList(),
            "test" => questions.Where(IsTest).ToList(),
            "train" => questions.Where(q => !IsTest(q)).ToList(),
            _ => throw new ArgumentException($"--split must be train, test or all (was '{split}').", nameof(split)),
        };
        if (sample is not int n || n <= 0 || n >= chosen.Count)
        {
            return chosen;
        }

        return Enumerable.Range(0, n).Select(i => chosen[(int)((long)i * chosen.Count / n)]).ToList();
    }

    public static uint Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
