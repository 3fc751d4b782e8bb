using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class FirstStageModelTests
{
    [Fact]
    public void Fit_IgnoresTheSentenceCosine_AndLearnsFromTheLexicalFeatures()
    {
        var dense = SentenceFeatures.IndexOf("sentence_cosine");
        var examples = Enumerable.Range(0, 200).Select(i =>
        {
            var features = new double[SentenceFeatures.Count];
            features[0] = (i % 10) / 10.0;   // coverage decides the label
            features[dense] = 1;              // would be a perfect but absent signal
            return (features, features[0] >= 0.5);
        }).ToList();

        var model = FirstStageModel.Fit(examples, "synthetic");

        Assert.Equal(SentenceFeatures.LexicalNames, model.Features);
        Assert.DoesNotContain("sentence_cosine", model.Features);
        Assert.True(model.Weights[0] > 1, $"coverage weight {model.Weights[0]}");
        var high = new double[SentenceFeatures.Count];
        high[0] = 0.9;
        var highWithCosine = (double[])high.Clone();
        highWithCosine[dense] = 0.2;
        Assert.True(model.LexicalProbability(high) > 0.8);
        Assert.Equal(model.LexicalProbability(high), model.LexicalProbability(highWithCosine));
    }

    [Fact]
    public void FromJson_FullFeatureList_FailsAndNamesTheVerb()
    {
        var full = new SentenceModel(SentenceFeatures.Names, SentenceFeatures.Names.Select(_ => 1.0).ToList(), 0).ToJson();

        var error = Assert.Throws<InvalidDataException>(() => FirstStageModel.FromJson(full));

        Assert.Contains("train-first-stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedWeights_AreTrainedForEveryLexicalFeature()
    {
        Assert.Equal(SentenceFeatures.LexicalNames, FirstStageModel.Default.Features);
        Assert.True(FirstStageModel.Default.Examples > 0, "the shipped first-stage weights were never trained");
        Assert.True(FirstStageModel.Default.Weights[0] > 0, "coverage should raise the probability");
    }
}
