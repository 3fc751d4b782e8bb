using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// Boosted regression trees over named features with a Platt calibration: the probability is
/// 1 / (1 + exp(<see cref="Slope"/> · Σ tree(x) + <see cref="Offset"/>)). Learned with ML.NET's FastTree by an
/// <c>eval</c> verb and shipped as JSON, so answering needs no ML.NET at run time: a tree is walked from node 0, going
/// left when the feature is at most the node's threshold, until a leaf (a negative child, leaf = ~child).
/// </summary>
public sealed class TreeEnsemble
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [JsonConstructor]
    public TreeEnsemble(IReadOnlyList<string> features, IReadOnlyList<Tree> trees, double slope, double offset, string? trainedOn = null, int examples = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trees);
        if (trees.Any(t => !t.IsValid(features.Count)))
        {
            throw new InvalidDataException("A tree of the ensemble is malformed (children, features or leaves out of range).");
        }

        Features = features;
        Trees = trees;
        Slope = slope;
        Offset = offset;
        TrainedOn = trainedOn;
        Examples = examples;
    }

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<Tree> Trees { get; }

    public double Slope { get; }

    public double Offset { get; }

    public string? TrainedOn { get; }

    public int Examples { get; }

    /// <summary>The sum of the trees' outputs (ML.NET's raw score).</summary>
    public double Score(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        double sum = 0;
        foreach (var tree in Trees)
        {
            sum += tree.Output(features);
        }

        return sum;
    }

    public double Probability(IReadOnlyList<double> features) => 1 / (1 + Math.Exp((Slope * Score(features)) + Offset));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TreeEnsemble FromJson(string json) =>
        JsonSerializer.Deserialize<TreeEnsemble>(json, Json) ?? throw new InvalidDataException("Empty tree ensemble.");

    /// <summary>One regression tree: node i splits on <see cref="Feature"/>[i] at <see cref="Threshold"/>[i].</summary>
    public sealed record Tree(IReadOnlyList<int> Left, IReadOnlyList<int> Right, IReadOnlyList<int> Feature, IReadOnlyList<float> Threshold, IReadOnlyList<double> Leaves, double Weight)
    {
        public double Output(IReadOnlyList<double> features)
        {
            if (Left.Count == 0)
            {
                return Weight * Leaves[0];
            }

            var node = 0;
            while (node >= 0)
            {
                node = (float)features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            }

            return Weight * Leaves[~node];
        }

        // a child is a later node (so every walk ends) or a leaf
        private static bool Child(int child, int parent, int nodes) => child >= 0 ? child > parent && child < nodes : ~child <= nodes;

        internal bool IsValid(int featureCount)
        {
            var nodes = Left.Count;
            return Right.Count == nodes && Feature.Count == nodes && Threshold.Count == nodes && Leaves.Count == nodes + 1
                && Feature.All(f => f >= 0 && f < featureCount)
                && Leaves.All(double.IsFinite)
                && Enumerable.Range(0, nodes).All(i => Child(Left[i], i, nodes) && Child(Right[i], i, nodes));
        }
    }
}
