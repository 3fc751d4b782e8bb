using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class SentenceModelTests
{
    [Fact]
    public void Fit_LabelFollowsCoverage_LearnsAPositiveCoverageWeightAndRanksByIt()
    {
        var examples = Enumerable.Range(0, 200).Select(i =>
        {
            var features = new double[SentenceFeatures.Count];
            features[0] = (i % 10) / 10.0;        // coverage
            features[10] = (i % 7) / 7.0;          // position: noise
            return (features, features[0] >= 0.5);
        }).ToList();

        var model = SentenceModel.Fit(examples, "synthetic");

        Assert.True(model.Weights[0] > 1, $"coverage weight {model.Weights[0]}");
        var high = new double[SentenceFeatures.Count];
        high[0] = 0.9;
        var low = new double[SentenceFeatures.Count];
        low[0] = 0.1;
        Assert.True(model.Probability(high) > 0.8);
        Assert.True(model.Probability(low) < 0.2);
        Assert.Equal(200, model.Examples);
    }

    [Fact]
    public void FromJson_RoundTrip_KeepsTheWeights()
    {
        var model = new SentenceModel(SentenceFeatures.Names, SentenceFeatures.Names.Select((_, i) => i * 0.5).ToList(), -2, "test", 3);

        var copy = SentenceModel.FromJson(model.ToJson());

        Assert.Equal(model.Weights, copy.Weights);
        Assert.Equal(-2, copy.Bias);
        Assert.Equal("test", copy.TrainedOn);
    }

    [Fact]
    public void FromJson_OtherFeatureList_FailsWithAClearMessage()
    {
        var json = """{"features":["coverage"],"weights":[1],"bias":0}""";

        var error = Assert.Throws<InvalidDataException>(() => SentenceModel.FromJson(json));

        Assert.Contains("train-answerer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedWeights_LoadForEveryFeature()
    {
        Assert.Equal(SentenceFeatures.Names, SentenceModel.Default.Features);
        Assert.Equal(SentenceFeatures.Count, SentenceModel.Default.Weights.Count);
    }
}
