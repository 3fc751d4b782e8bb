using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The first, cheap stage of the answer ranking: a logistic regression over the <see cref="SentenceFeatures.LexicalNames"/>
/// (everything but the sentence's own MiniLM cosine), so every candidate is ranked without encoding it and only the
/// best <c>Search:DenseSentences</c> are encoded for the <see cref="SentenceModel"/>. The shipped weights
/// (<c>first-stage-weights.json</c>, embedded) were learned on the train part of SQuAD v1.1 dev by
/// <c>eval train-first-stage</c> over every candidate sentence of the answer passages.
/// </summary>
public sealed class FirstStageModel : LogisticModel
{
    public const string ResourceName = "ChatBot.Retrieval.Answers.Scoring.first-stage-weights.json";

    private static readonly Lazy<FirstStageModel> Shipped = new(() => LoadEmbedded<FirstStageModel>(ResourceName));

    [JsonConstructor]
    public FirstStageModel(IReadOnlyList<string> features, IReadOnlyList<double> weights, double bias, string? trainedOn = null, int examples = 0)
        : base(features, weights, bias, trainedOn, examples, SentenceFeatures.LexicalNames, "eval train-first-stage")
    {
    }

    public static FirstStageModel Default => Shipped.Value;

    public static FirstStageModel FromJson(string json) => FromJson<FirstStageModel>(json);

    /// <summary>Learns from full <see cref="SentenceFeatures"/> vectors (their sentence cosine is left out).</summary>
    public static FirstStageModel Fit(IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var lexical = examples.Select(e => (SentenceFeatures.Lexical(e.Features), e.Label)).ToList();
        var (weights, bias) = FitWeights(lexical, SentenceFeatures.LexicalNames.Count, iterations, learningRate, l2);
        return new FirstStageModel(SentenceFeatures.LexicalNames, weights, bias, trainedOn, examples.Count);
    }

    /// <summary>The probability that the sentence holds the answer, from its full feature vector.</summary>
    public double LexicalProbability(IReadOnlyList<double> features) => Probability(SentenceFeatures.Lexical(features));
}
