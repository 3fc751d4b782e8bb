using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// Logistic regression over <see cref="SentenceFeatures"/>: the probability that a sentence holds the answer. The
/// shipped weights (<c>sentence-weights.json</c>, embedded) were learned on the train part of SQuAD v1.1 dev by
/// <c>eval train-answerer</c>, which writes that file again.
/// </summary>
public sealed class SentenceModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.sentence-weights.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lazy<SentenceModel> Shipped = new(LoadShipped);

    [JsonConstructor]
    public SentenceModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn = null, int examples = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        if (!features.SequenceEqual(SentenceFeatures.Names) || weights.Count != features.Count)
        {
            throw new InvalidDataException($"The sentence weights are for the features [{string.Join(", ", features)}], not [{string.Join(", ", SentenceFeatures.Names)}]: run `eval train-answerer` again.");
        }

        Features = features;
        Weights = weights;
        Bias = bias;
        TrainedOn = trainedOn;
        Examples = examples;
    }

    public static SentenceModel Default => Shipped.Value;

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    public string? TrainedOn { get; }

    public int Examples { get; }

    public double Probability(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = Bias;
        for (var i = 0; i < Weights.Count; i++)
        {
            z += Weights[i] * features[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SentenceModel FromJson(string json) =>
        JsonSerializer.Deserialize<SentenceModel>(json, Json) ?? throw new InvalidDataException("Empty sentence weights.");

    /// <summary>
    /// Fits the weights by full-batch gradient descent on the log loss with a small L2 penalty (features are about
    /// 0..1, so no scaling is needed). Deterministic: the same examples give the same weights.
    /// </summary>
    public static SentenceModel Fit(IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var n = SentenceFeatures.Count;
        var w = new double[n];
        double b = 0;
        var gradient = new double[n];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(gradient);
            double gb = 0;
            foreach (var (x, label) in examples)
            {
                var z = b;
                for (var i = 0; i < n; i++)
                {
                    z += w[i] * x[i];
                }

                var error = (1 / (1 + Math.Exp(-z))) - (label ? 1 : 0);
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += error * x[i];
                }

                gb += error;
            }

            var scale = learningRate / Math.Max(examples.Count, 1);
            for (var i = 0; i < n; i++)
            {
                w[i] -= scale * (gradient[i] + (l2 * examples.Count * w[i]));
            }

            b -= scale * gb;
        }

        return new SentenceModel(SentenceFeatures.Names, w.Select(v => Math.Round(v, 5)).ToList(), Math.Round(b, 5), trainedOn, examples.Count);
    }

    private static SentenceModel LoadShipped()
    {
        using var stream = typeof(SentenceModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in ChatBot.Retrieval.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}
