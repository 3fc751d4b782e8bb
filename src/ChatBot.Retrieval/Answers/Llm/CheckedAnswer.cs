namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>
/// A model answer after its citations were checked: markers renumbered 1..m by article in order of first
/// appearance, markers of passages that were not given removed.
/// </summary>
/// <param name="CitedPassages">For citation m (index m-1), the first given passage (1-based) cited for that article.</param>
/// <param name="Removed">How many invalid citation numbers were removed.</param>
public sealed record CheckedAnswer(string Text, IReadOnlyList<int> CitedPassages, int Removed)
{
    public bool HasCitations => CitedPassages.Count > 0;
}
