namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The first, cheap stage of the answer ranking: boosted trees (<see cref="TreeEnsemble"/>) over the
/// <see cref="RankingFeatures"/> (no sentence is encoded for them), so every candidate is ranked and only the best
/// <c>Search:DenseSentences</c> are encoded for the <see cref="SentenceModel"/>. The shipped trees
/// (<c>first-stage-trees.json</c>, embedded) were learned on the train part of SQuAD v1.1 dev by
/// <c>eval train-first-stage</c> (ML.NET FastTree) over every candidate sentence of the answer passages.
/// </summary>
public sealed class FirstStageModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.first-stage-trees.json";

    private static readonly Lazy<FirstStageModel> Shipped = new(() =>
    {
        using var stream = typeof(FirstStageModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in ChatBot.Retrieval.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    });

    public FirstStageModel(TreeEnsemble trees)
    {
        ArgumentNullException.ThrowIfNull(trees);
        if (!trees.Features.SequenceEqual(RankingFeatures.Names))
        {
            throw new InvalidDataException($"The first-stage trees are for the features [{string.Join(", ", trees.Features)}], not [{string.Join(", ", RankingFeatures.Names)}]: run `eval train-first-stage` again.");
        }

        Trees = trees;
        var cosine = CosineFeatures.Select(RankingFeatures.IndexOf).ToHashSet();
        ReadsSentenceCosine = trees.Trees.Any(t => t.Feature.Any(cosine.Contains));
    }

    /// <summary>The ranking features that come from the sentence's own cosine (a stored sentence vector).</summary>
    public static IReadOnlyList<string> CosineFeatures { get; } = ["answer_cosine", "answer_cosine_gap", "answer_cosine_rank"];

    /// <summary>
    /// Whether the trees split on the sentence's own cosine (trained with it): then their order is final when every
    /// candidate has one; otherwise the second stage still adds the cosine of the best few.
    /// </summary>
    public bool ReadsSentenceCosine { get; }

    public static FirstStageModel Default => Shipped.Value;

    public TreeEnsemble Trees { get; }

    public static FirstStageModel FromJson(string json) => new(TreeEnsemble.FromJson(json));

    /// <summary>The probability that the sentence holds the answer, from its <see cref="RankingFeatures"/>.</summary>
    public double Probability(IReadOnlyList<double> rankingFeatures) => Trees.Probability(rankingFeatures);
}
