using System.Text.Json;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// A logistic regression over named features (each about 0..1): the shape shared by the learned models of the
/// answerer (<see cref="SentenceModel"/>, <see cref="AbstentionModel"/>), each shipped as an embedded JSON file that
/// an <c>eval</c> verb writes again.
/// </summary>
public abstract class LogisticModel
{
    protected static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected LogisticModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn, int examples, IReadOnlyList<string> expected, string retrainWith)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(expected);
        if (!features.SequenceEqual(expected) || weights.Count != features.Count)
        {
            throw new InvalidDataException($"The weights are for the features [{string.Join(", ", features)}], not [{string.Join(", ", expected)}]: run `{retrainWith}` again.");
        }

        Features = features;
        Weights = weights;
        Bias = bias;
        TrainedOn = trainedOn;
        Examples = examples;
    }

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

    public string ToJson() => JsonSerializer.Serialize(this, GetType(), Json);

    /// <summary>
    /// Fits the weights by full-batch gradient descent on the log loss with a small L2 penalty (features are about
    /// 0..1, so no scaling is needed). Deterministic: the same examples give the same weights, rounded to 5 places.
    /// </summary>
    protected static (List<double> Weights, double Bias) FitWeights(IReadOnlyList<(double[] Features, bool Label)> examples, int n, int iterations, double learningRate, double l2)
    {
        ArgumentNullException.ThrowIfNull(examples);
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

        return (w.Select(v => Math.Round(v, 5)).ToList(), Math.Round(b, 5));
    }

    protected static T LoadEmbedded<T>(string resourceName)
        where T : LogisticModel
    {
        using var stream = typeof(LogisticModel).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{resourceName} is not embedded in ChatBot.Retrieval.");
        using var reader = new StreamReader(stream);
        return FromJson<T>(reader.ReadToEnd());
    }

    protected static T FromJson<T>(string json)
        where T : LogisticModel =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException("Empty model weights.");
}
