using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class TreeTrainerTests
{
    [Fact]
    public void Fit_LearnsAnInteraction_AndTheExportedTreesScoreAsMlNetDoes()
    {
        // label = x0 high AND x1 low: a rule no single weight expresses (Fit itself checks the export against ML.NET)
        var examples = Enumerable.Range(0, 400).Select(i =>
        {
            double[] x = [(i % 20) / 20.0, (i / 20 % 20) / 20.0, (i * 7 % 13) / 13.0];
            return (x, x[0] > 0.5 && x[1] < 0.5);
        }).ToList();

        var ensemble = TreeTrainer.Fit(["x0", "x1", "noise"], examples, "synthetic", new TreeTrainer.Settings(Trees: 50, Leaves: 4, MinimumPerLeaf: 5));

        Assert.Equal(400, ensemble.Examples);
        Assert.True(ensemble.Probability([0.9, 0.1, 0.5]) > 0.8);
        Assert.True(ensemble.Probability([0.9, 0.9, 0.5]) < 0.2);
        Assert.True(ensemble.Probability([0.1, 0.1, 0.5]) < 0.2);
    }

    [Fact]
    public void Fit_OneClassOnly_FailsClearly()
    {
        var examples = Enumerable.Range(0, 10).Select(i => (new[] { i / 10.0 }, true)).ToList();

        Assert.Throws<InvalidDataException>(() => TreeTrainer.Fit(["x"], examples, "synthetic"));
    }
}
