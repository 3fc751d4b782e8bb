namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// The default abstention threshold, chosen on cross-fitted train scores (each answerable question's confidence from a
/// model that never saw its article): the largest on a 0.0025 grid whose answerable abstention stays within
/// <see cref="Goal"/> minus <see cref="Margin"/>. Both were declared before any test run: in session 4 the train curve
/// under-stated test abstention by about 2 points.
/// </summary>
public static class AbstentionThreshold
{
    /// <summary>Issue 14's goal for abstention on answerable questions: at most 3 %.</summary>
    public const double Goal = 0.03;

    /// <summary>How far under the goal the cross-fitted train abstention must stay at the chosen threshold.</summary>
    public const double Margin = 0.01;

    private const int Steps = 400; // a 0.0025 grid

    /// <summary>
    /// The largest threshold t with (confidences below t + <paramref name="alwaysAbstained"/>) / <paramref name="questions"/>
    /// ≤ <see cref="Goal"/> − <see cref="Margin"/>; 0 when even the smallest abstains on more.
    /// </summary>
    public static double Choose(IReadOnlyList<double> answerableConfidences, int alwaysAbstained, int questions)
    {
        ArgumentNullException.ThrowIfNull(answerableConfidences);
        var allowed = Math.Floor(((Goal - Margin) * questions) + 1e-9); // abstentions, counted in whole questions
        var chosen = 0.0;
        for (var i = 1; i < Steps; i++)
        {
            var t = i / (double)Steps;
            if (answerableConfidences.Count(c => c < t) + alwaysAbstained > allowed)
            {
                break;
            }

            chosen = t;
        }

        return chosen;
    }
}
