using ChatBot.Retrieval.Answers.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Fits boosted trees (ML.NET FastTree, binary log loss, Platt-calibrated) and exports them as a <see cref="TreeEnsemble"/>,
/// checking that the exported trees give ML.NET's own probabilities. Deterministic: one thread, a fixed seed.
/// </summary>
public static class TreeTrainer
{
    /// <summary>Tree settings; <paramref name="InteractionCheck"/>: <c>eval train-first-stage</c> also runs <see cref="Evaluation.InteractionCheck"/>.</summary>
    public sealed record Settings(int Trees = 100, int Leaves = 8, int MinimumPerLeaf = 20, double LearningRate = 0.1, bool InteractionCheck = false);

    public static TreeEnsemble Fit(IReadOnlyList<string> features, IReadOnlyList<(double[] Features, bool Label)> examples, string trainedOn, Settings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0 || examples.All(e => e.Label) || examples.All(e => !e.Label))
        {
            throw new InvalidDataException("Trees need positive and negative examples.");
        }

        settings ??= new Settings();
        var ml = new MLContext(seed: 1);
        var rows = examples.Select(e => new Row { Features = [.. e.Features.Select(v => (float)v)], Label = e.Label }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumPerLeaf,
            LearningRate = settings.LearningRate,
            NumberOfThreads = 1,
            Seed = 1,
        });
        var model = trainer.Fit(data);
        var calibrated = model.Model;
        var ensemble = calibrated.SubModel.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((t, i) => new TreeEnsemble.Tree(
            [.. t.LeftChild], [.. t.RightChild], [.. t.NumericalSplitFeatureIndexes], [.. t.NumericalSplitThresholds], [.. t.LeafValues], ensemble.TreeWeights[i])).ToList();
        var platt = (PlattCalibrator)calibrated.Calibrator;
        var exported = new TreeEnsemble(features, trees, platt.Slope, platt.Offset, trainedOn, examples.Count);
        Verify(ml, model, data, rows, exported);
        return exported;
    }

    // The exported trees must reproduce ML.NET's probabilities (a misread child or sign would show here).
    private static void Verify(MLContext ml, ITransformer model, IDataView data, List<Row> rows, TreeEnsemble exported)
    {
        var predicted = ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).Take(500).ToList();
        for (var i = 0; i < predicted.Count; i++)
        {
            var mine = exported.Probability(rows[i].Features.Select(v => (double)v).ToList());
            if (Math.Abs(mine - predicted[i].Probability) > 1e-3)
            {
                throw new InvalidOperationException($"Exported trees disagree with ML.NET on example {i}: {mine:F4} vs {predicted[i].Probability:F4}.");
            }
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
