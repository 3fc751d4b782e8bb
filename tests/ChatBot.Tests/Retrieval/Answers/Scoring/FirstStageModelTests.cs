using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class FirstStageModelTests
{
    [Fact]
    public void FromJson_TreesForOtherFeatures_FailsAndNamesTheVerb()
    {
        var trees = new TreeEnsemble(SentenceFeatures.Names, [], slope: -1, offset: 0).ToJson();

        var error = Assert.Throws<InvalidDataException>(() => FirstStageModel.FromJson(trees));

        Assert.Contains("train-first-stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedTrees_AreTrainedOverTheRankingFeatures_AndPreferCoverage()
    {
        var model = FirstStageModel.Default;

        Assert.Equal(RankingFeatures.Names, model.Trees.Features);
        Assert.True(model.Trees.Examples > 0 && model.Trees.Trees.Count > 0, "the shipped first-stage trees were never trained");
        var low = new double[RankingFeatures.Count];
        var high = new double[RankingFeatures.Count];
        foreach (var name in new[] { "coverage", "bigrams", "matched_share", "rare_share", "coverage_gap", "coverage_rank", "passage_coverage" })
        {
            var i = RankingFeatures.Names.ToList().IndexOf(name);
            high[i] = 1;
            low[i] = name == "coverage_gap" ? 0.2 : 0.1;
        }

        Assert.True(model.Probability(high) > model.Probability(low), "a sentence holding every question term should rank above one holding none");
    }
}
