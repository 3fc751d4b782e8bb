using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// Logistic regression over <see cref="SentenceFeatures"/>: the probability that a sentence holds the answer. The
/// shipped weights (<c>sentence-weights.json</c>, embedded) were learned on the train part of SQuAD v1.1 dev by
/// <c>eval train-answerer</c>, which writes that file again.
/// </summary>
public sealed class SentenceModel : LogisticModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.sentence-weights.json";

    private static readonly Lazy<SentenceModel> Shipped = new(() => LoadEmbedded<SentenceModel>(ResourceName));

    [JsonConstructor]
    public SentenceModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn = null, int examples = 0)
        : base(features, weights, bias, trainedOn, examples, SentenceFeatures.Names, "eval train-answerer")
    {
    }

    public static SentenceModel Default => Shipped.Value;

    public static SentenceModel FromJson(string json) => FromJson<SentenceModel>(json);

    public static SentenceModel Fit(IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var (weights, bias) = FitWeights(examples, SentenceFeatures.Count, iterations, learningRate, l2);
        return new SentenceModel(SentenceFeatures.Names, weights, bias, trainedOn, examples.Count);
    }
}
