using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// Logistic regression over <see cref="AbstentionFeatures"/>: the probability that the articles hold the answer to
/// the question (the answer's confidence; below <see cref="AbstainBelow"/> the bot abstains). The shipped weights
/// (<c>abstention-weights.json</c>, embedded) were learned by <c>eval train-abstainer</c> on the train part of SQuAD
/// v1.1 dev: each question asked as is (label 1) and again with the sentences holding its answer hidden (label 0).
/// </summary>
public sealed class AbstentionModel : LogisticModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.abstention-weights.json";

    private static readonly Lazy<AbstentionModel> Shipped = new(() => LoadEmbedded<AbstentionModel>(ResourceName));

    [JsonConstructor]
    public AbstentionModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn = null, int examples = 0, double abstainBelow = 0)
        : base(features, weights, bias, trainedOn, examples, AbstentionFeatures.Names, "eval train-abstainer")
    {
        AbstainBelow = abstainBelow is >= 0 and <= 1 ? abstainBelow : throw new InvalidDataException($"abstain_below must be within 0..1 (was {abstainBelow}).");
    }

    /// <summary>
    /// The threshold chosen with these weights on their cross-fitted train scores by the committed rule
    /// (<c>Evaluation/AbstentionThreshold</c>); <c>Search:AbstainBelow</c> overrides it when set.
    /// </summary>
    public double AbstainBelow { get; }

    /// <summary>The same weights with the threshold chosen for them.</summary>
    public AbstentionModel WithThreshold(double abstainBelow) => new(Features, Weights, Bias, TrainedOn, Examples, abstainBelow);

    public static AbstentionModel Default => Shipped.Value;

    public static AbstentionModel FromJson(string json) => FromJson<AbstentionModel>(json);

    public static AbstentionModel Fit(IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var (weights, bias) = FitWeights(examples, AbstentionFeatures.Count, iterations, learningRate, l2);
        return new AbstentionModel(AbstentionFeatures.Names, weights, bias, trainedOn, examples.Count);
    }
}
