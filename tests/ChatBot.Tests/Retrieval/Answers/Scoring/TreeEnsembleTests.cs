using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class TreeEnsembleTests
{
    // node 0: x0 <= 0.5 ? node 1 : leaf 2;  node 1: x1 <= 0.25 ? leaf 0 : leaf 1
    private static readonly TreeEnsemble.Tree Tree = new([1, ~0], [~2, ~1], [0, 1], [0.5f, 0.25f], [-1.0, 0.5, 2.0], Weight: 1);

    [Theory]
    [InlineData(0.2, 0.1, -1.0)]
    [InlineData(0.5, 0.25, -1.0)] // at the threshold goes left
    [InlineData(0.2, 0.9, 0.5)]
    [InlineData(0.9, 0.0, 2.0)]
    public void Score_WalksLeftAtOrBelowTheThreshold(double x0, double x1, double expected)
    {
        var ensemble = new TreeEnsemble(["a", "b"], [Tree, Tree with { Weight = 0.5 }], slope: -1, offset: 0);

        Assert.Equal(expected * 1.5, ensemble.Score([x0, x1]), 9);
        Assert.Equal(1 / (1 + Math.Exp(-expected * 1.5)), ensemble.Probability([x0, x1]), 9);
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var ensemble = new TreeEnsemble(["a", "b"], [Tree], slope: -2, offset: 0.3, "synthetic", 7);

        var back = TreeEnsemble.FromJson(ensemble.ToJson());

        Assert.Equal(ensemble.Probability([0.9, 0]), back.Probability([0.9, 0]), 12);
        Assert.Equal(("synthetic", 7), (back.TrainedOn, back.Examples));
    }

    [Fact]
    public void Constructor_ChildPointingBack_IsRejected()
    {
        var cycle = Tree with { Left = [1, 0] }; // node 1 would lead back to the root forever

        Assert.Throws<InvalidDataException>(() => new TreeEnsemble(["a", "b"], [cycle], -1, 0));
        Assert.Throws<InvalidDataException>(() => new TreeEnsemble(["a"], [Tree], -1, 0)); // splits on feature 1 of 1
    }
}
