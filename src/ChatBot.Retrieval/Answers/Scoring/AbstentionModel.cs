using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// Logistic regression over <see cref="AbstentionFeatures"/>: the probability that the articles hold the answer to
/// the question (the answer's confidence; below <c>Search:AbstainBelow</c> the bot abstains). The shipped weights
/// (<c>abstention-weights.json</c>, embedded) were learned by <c>eval train-abstainer</c> on the train part of SQuAD
/// v1.1 dev: each question asked as is (label 1) and again with the sentences holding its answer hidden (label 0).
/// </summary>
public sealed class AbstentionModel : LogisticModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.abstention-weights.json";

    private static readonly Lazy<AbstentionModel> Shipped = new(() => LoadEmbedded<AbstentionModel>(ResourceName));

    [JsonConstructor]
    public AbstentionModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn = null, int examples = 0)
        : base(features, weights, bias, trainedOn, examples, AbstentionFeatures.Names, "eval train-abstainer")
    {
    }

    public static AbstentionModel Default => Shipped.Value;

    public static AbstentionModel FromJson(string json) => FromJson<AbstentionModel>(json);

    public static AbstentionModel Fit(IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var (weights, bias) = FitWeights(examples, AbstentionFeatures.Count, iterations, learningRate, l2);
        return new AbstentionModel(AbstentionFeatures.Names, weights, bias, trainedOn, examples.Count);
    }
}
