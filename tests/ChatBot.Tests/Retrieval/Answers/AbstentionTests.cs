using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval.Answers;

public sealed class AbstentionTests
{
    private const string Question = "How many GPUs did DeepSeek use to train R1?";
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new SearchOptions()));

    [Fact]
    public async Task Compute_NoCandidateHasANumber_MarksTheAnswerTypeMissingAndTheAbsentTerm()
    {
        var features = await FeaturesAsync("DeepSeek trained R1 with reinforcement learning. LeCun praised the open R1 model.");

        Assert.Equal(1, Feature(features, "type_nowhere"));
        Assert.Equal(0, Feature(features, "type_in_best"));
        Assert.True(Feature(features, "terms_nowhere") > 0.2, "GPUs is in no sentence");
    }

    [Fact]
    public async Task Compute_TheAnswerSentenceIsThere_FindsTheTypeAndEveryTerm()
    {
        var features = await FeaturesAsync("To train R1, DeepSeek had to use 2,048 GPUs for two months. LeCun praised the open R1 model.");

        Assert.Equal(0, Feature(features, "type_nowhere"));
        Assert.Equal(1, Feature(features, "type_in_best"));
        Assert.Equal(0, Feature(features, "terms_nowhere"));
        Assert.Equal(1, Feature(features, "rare_terms_in_best"));
    }

    [Fact]
    public void AbstainBelow_Unset_IsTheThresholdShippedWithTheModel_AndTheSettingOverridesIt()
    {
        Assert.InRange(AbstentionModel.Default.AbstainBelow, 0.001, 0.999);
        Assert.Equal(AbstentionModel.Default.AbstainBelow, Answerer.AbstainBelow);
        Assert.Equal(0.3, new ExtractiveAnswerer(Options.Create(new SearchOptions { AbstainBelow = 0.3 })).AbstainBelow);
    }

    [Fact]
    public void WithThreshold_TravelsWithTheWeights_AndOutOfRangeIsRefused()
    {
        var model = AbstentionModel.Default.WithThreshold(0.2);

        Assert.Equal(0.2, AbstentionModel.FromJson(model.ToJson()).AbstainBelow);
        Assert.Equal(model.Weights, AbstentionModel.FromJson(model.ToJson()).Weights);
        Assert.Throws<InvalidDataException>(() => AbstentionModel.FromJson(model.ToJson().Replace("\"abstain_below\": 0.2", "\"abstain_below\": 1.5", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DefaultModel_AnswerSentenceHidden_IsLessConfidentThanWithIt()
    {
        var with = await ConfidenceAsync("DeepSeek used 2,048 GPUs to train R1 in two months. LeCun praised the open R1 model.");
        var without = await ConfidenceAsync("DeepSeek trained R1 in two months. LeCun praised the open R1 model.");

        Assert.True(with > without + 0.1, $"with the answer {with:F3}, without {without:F3}");
    }

    [Fact]
    public void Fit_LabelFollowsTheBestProbability_LearnsAPositiveWeight()
    {
        var examples = Enumerable.Range(0, 200).Select(i =>
        {
            var features = new double[AbstentionFeatures.Count];
            features[0] = (i % 10) / 10.0;
            features[9] = (i % 7) / 7.0;
            return (features, features[0] >= 0.5);
        }).ToList();

        var model = AbstentionModel.Fit(examples, "synthetic");

        Assert.True(model.Weights[0] > 1, $"best_probability weight {model.Weights[0]}");
        Assert.Equal(200, model.Examples);
        Assert.Equal(model.Weights, AbstentionModel.FromJson(model.ToJson()).Weights);
    }

    [Fact]
    public void FromJson_OtherFeatureList_FailsWithAClearMessage()
    {
        var error = Assert.Throws<InvalidDataException>(() => AbstentionModel.FromJson("""{"features":["coverage"],"weights":[1],"bias":0}"""));

        Assert.Contains("train-abstainer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedWeights_AreTrainedForEveryFeature()
    {
        Assert.Equal(AbstentionFeatures.Names, AbstentionModel.Default.Features);
        Assert.True(AbstentionModel.Default.Examples > 0, "the shipped abstention weights were never trained");
    }

    private static async Task<double[]> FeaturesAsync(string text)
    {
        var (passages, weights) = Inputs(text);
        var ranked = await Answerer.RankAsync(Question, weights, passages, ReadOnlyMemory<float>.Empty, CancellationToken.None);
        return AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(Question, weights), ranked, passages);
    }

    private static async Task<double> ConfidenceAsync(string text)
    {
        var (passages, weights) = Inputs(text);
        var ranked = await Answerer.RankAsync(Question, weights, passages, ReadOnlyMemory<float>.Empty, CancellationToken.None);
        return Answerer.Confidence(Question, weights, ranked, passages);
    }

    private static (IReadOnlyList<Passage>, TermWeights) Inputs(string text)
    {
        var draft = new Chunker(Options.Create(new ChunkingOptions())).Chunk(text)[0];
        var chunk = new Chunk(1, 1, 0, draft.Text, draft.Start, draft.Sentences);
        var article = new Article(1, "test:deepseek", "DeepSeek", null, null, null, DateTimeOffset.UnixEpoch, "hash", 1);
        var passage = new Passage(chunk, article, new SearchCandidate(1, 1, 0.9, 1, 1, 5, 0.5f));
        var terms = HybridSearcher.QueryTerms(Question);
        var weights = TermWeights.From(terms, terms.ToDictionary(t => t, t => t == "gpus" ? 2 : 10), 100);
        return ([passage], weights);
    }

    private static double Feature(double[] features, string name) => features[AbstentionFeatures.Names.ToList().IndexOf(name)];
}
