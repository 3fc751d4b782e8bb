using System.Globalization;
using System.Numerics.Tensors;
using ChatBot.Retrieval.Answers.Scoring;
using Microsoft.Extensions.AI;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// An experiment on the train part only (<c>eval train-first-stage</c>, session 7): does a learned "answers it" reading
/// of the MiniLM vectors beat their cosine? A logistic regression over the question and sentence vectors' elementwise
/// product and absolute difference (768 features), fitted on the candidates' gold labels, each quarter of the train
/// articles scored by a model fitted on the other three; then the first sentence by its probability alone, by the
/// cosine alone, and by first-stage trees with and without it as a feature (cross-fitted likewise). Nothing ships from it.
/// </summary>
public static class InteractionCheck
{
    public sealed record Group(int Fold, float[] Query, List<string> Texts, List<(double[] Features, bool Label)> Examples);

    public static async Task<List<string>> LinesAsync(IReadOnlyList<Group> groups, IEmbeddingGenerator<string, Embedding<float>> embeddings, TreeTrainer.Settings? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(embeddings);
        var vectors = await EncodeAsync(groups.SelectMany(g => g.Texts).Distinct(StringComparer.Ordinal).ToList(), embeddings, cancellationToken);
        var rows = groups.Select(g => g.Texts.Select(t => Interaction(Normalised(g.Query), vectors[t])).ToList()).ToList();
        var probability = groups.Select(g => new double[g.Texts.Count]).ToList();
        var ml = new MLContext(seed: 1);
        for (var fold = 0; fold < 4; fold++)
        {
            var fit = Enumerable.Range(0, groups.Count).Where(i => groups[i].Fold != fold)
                .SelectMany(i => rows[i].Select((r, j) => new Row { Features = r, Label = groups[i].Examples[j].Label })).ToList();
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, fit[0].Features.Length);
            var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 1f, NumberOfThreads = 1 })
                .Fit(ml.Data.LoadFromEnumerable(fit, schema));
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i].Fold != fold)
                {
                    continue;
                }

                var held = ml.Data.LoadFromEnumerable(rows[i].Select(r => new Row { Features = r }), schema);
                var predicted = ml.Data.CreateEnumerable<Prediction>(model.Transform(held), reuseRowObject: false).ToList();
                for (var j = 0; j < predicted.Count; j++)
                {
                    probability[i][j] = predicted[j].Probability;
                }
            }
        }

        var cosine = groups.Select(g => g.Texts.Select(t => (double)TensorPrimitives.Dot(Normalised(g.Query), vectors[t])).ToArray()).ToList();
        double Top1(Func<int, int, double> score) => Enumerable.Range(0, groups.Count).Count(i => groups[i].Examples.Count > 0
            && groups[i].Examples[Enumerable.Range(0, groups[i].Examples.Count).MaxBy(j => score(i, j))].Label) / (double)groups.Count;
        var names = RankingFeatures.Names.Concat(["reads_answer", "reads_answer_gap"]).ToList();
        var withFeature = groups.Select((g, i) => g.Examples.Select((e, j) => ((double[])[.. e.Features, probability[i][j], 1 + probability[i][j] - probability[i].Max()], e.Label)).ToList()).ToList();
        var culture = CultureInfo.InvariantCulture;
        return
        [
            string.Create(culture, $"interaction model (q*s, |q-s| of MiniLM vectors, logistic, cross-fitted; {groups.Count} questions): first sentence holds gold by its probability {Top1((i, j) => probability[i][j]):P1}, by the cosine {Top1((i, j) => cosine[i][j]):P1}"),
            string.Create(culture, $"  trees cross-fitted: ranking features {TreesTop1(groups, groups.Select(g => g.Examples).ToList(), RankingFeatures.Names, settings):P1}, + its probability and gap {TreesTop1(groups, withFeature, names, settings):P1}"),
        ];
    }

    private static double TreesTop1(IReadOnlyList<Group> groups, List<List<(double[] Features, bool Label)>> examples, IReadOnlyList<string> names, TreeTrainer.Settings? settings)
    {
        var right = 0;
        for (var fold = 0; fold < 4; fold++)
        {
            var trees = TreeTrainer.Fit(names, [.. examples.Where((_, i) => groups[i].Fold != fold).SelectMany(e => e)], $"fold {fold}", settings);
            right += examples.Where((e, i) => groups[i].Fold == fold && e.Count > 0).Count(e => e.MaxBy(x => trees.Probability(x.Features)).Label);
        }

        return right / (double)groups.Count;
    }

    private static async Task<Dictionary<string, float[]>> EncodeAsync(List<string> texts, IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var batch in texts.Chunk(64))
        {
            var encoded = await embeddings.GenerateAsync(batch, cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = Normalised(encoded[i].Vector.ToArray());
            }
        }

        return vectors;
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }

    private static float[] Interaction(float[] q, float[] s)
    {
        var row = new float[q.Length * 2];
        for (var d = 0; d < q.Length; d++)
        {
            row[d] = q[d] * s[d] * q.Length;
            row[q.Length + d] = Math.Abs(q[d] - s[d]) * MathF.Sqrt(q.Length);
        }

        return row;
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
