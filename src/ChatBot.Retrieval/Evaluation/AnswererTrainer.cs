using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Learns the answerer's weights on a question set, asking each question exactly as an ask does. Run it on the train
/// part of the declared split only (`--split train`).
/// <see cref="TrainAsync"/>: the <see cref="SentenceModel"/>; every encoded candidate sentence becomes an example (its
/// features; label: it holds a gold answer). <see cref="TrainFirstStageAsync"/>: the <see cref="FirstStageModel"/>, the
/// same over every candidate, none encoded.
/// <see cref="TrainAbstentionAsync"/>: the <see cref="AbstentionModel"/>; each answerable question is one example
/// (label 1), its near-miss version, with every sentence holding a gold answer hidden, another (label 0), and its
/// off-topic version, answered from the best passages of other articles (its own as if not indexed, its term weights too:
/// <see cref="OffTopicWeights"/>), a third (label 0). The
/// trade-off curve on the same questions comes back with it; the threshold is chosen from it.
/// </summary>
public sealed class AnswererTrainer(RetrievalService retrieval, ExtractiveAnswerer answerer, IOptions<SearchOptions> options, IArticleStore store)
{
    private readonly OffTopicWeights _offTopicWeights = new(store);

    public async Task<(SentenceModel Model, int Questions, int Positives)> TrainAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        // only the encoded candidates carry their own sentence cosine: train with --Search:DenseSentences=10
        var examples = new List<(double[] Features, bool Label)>();
        var used = 0;
        await ForEachAnswerableAsync(questions, corpusIds, async (_, golds, query, weights, passages, vector) =>
        {
            used++;
            var ranked = await answerer.RankAsync(query, weights, passages, vector, cancellationToken);
            examples.AddRange(ranked.Take(options.Value.DenseSentences).Select(c => (c.Features.ToArray(), SquadScoring.ContainsGold(c.Text, golds))));
        }, cancellationToken);
        var model = SentenceModel.Fit(examples, trainedOn);
        return (model, used, examples.Count(e => e.Label));
    }

    /// <summary>
    /// The <see cref="FirstStageModel"/>: every candidate sentence of the answer passages is an example (nothing is
    /// encoded). Also fits on three quarters of the questions' articles and reports the top-1 accuracy of the trees and
    /// of the old logistic first stage on the other quarter (a check inside the train part, never the test part).
    /// </summary>
    public async Task<(FirstStageModel Model, int Questions, int Positives, IReadOnlyList<string> Lines)> TrainFirstStageAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken, TreeTrainer.Settings? settings = null)
    {
        var groups = await FirstStageGroupsAsync(questions, corpusIds, cancellationToken);
        var lines = HeldOutCheck(groups, settings);
        lines.AddRange(ExpectedTypeFirstCheck.Lines([.. groups.Select(g => (Fold(g.Question), AnswerType.AsksForAUnit(TextTerms.ContentTerms(g.Question.Question).ToHashSet(StringComparer.Ordinal)), g.Examples))], settings));
        var all = groups.SelectMany(g => g.Examples).ToList();
        var model = new FirstStageModel(TreeTrainer.Fit(RankingFeatures.Names, all, trainedOn, settings));
        return (model, groups.Count, all.Count(e => e.Label), lines);
    }

    /// <summary>
    /// Fits on three quarters of the train articles and reports on the other quarter: how often the top 1 / 2 / 3
    /// candidates hold gold, and what the composer's rule (the best, then up to two more at least r times as likely) quotes.
    /// </summary>
    private List<string> HeldOutCheck(List<(EvalQuestion Question, List<(double[] Features, bool Label)> Examples)> groups, TreeTrainer.Settings? settings)
    {
        static bool Held(EvalQuestion q) => Fold(q) == 0;
        var fit = groups.Where(g => !Held(g.Question)).SelectMany(g => g.Examples).ToList();
        var held = groups.Where(g => Held(g.Question)).ToList();
        if (held.Count == 0 || !fit.Any(e => e.Label) || fit.All(e => e.Label))
        {
            return [];
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var check = TreeTrainer.Fit(RankingFeatures.Names, fit, "check", settings);
        string TopK(Func<double[], double> score) => string.Join(" / ", Enumerable.Range(1, 3).Select(k => (held.Count(g => g.Examples.OrderByDescending(e => score(e.Features)).Take(k).Any(e => e.Label)) / (double)held.Count).ToString("P1", culture)));
        var reachable = held.Count(g => g.Examples.Any(e => e.Label)) / (double)held.Count;
        var lines = new List<string>
        {
            $"held-out quarter of the train articles ({held.Count} questions; a gold sentence among the candidates {reachable.ToString("P1", culture)}): top 1 / 2 / 3 hold gold",
            $"  shipped trees {TopK(f => answerer.FirstStage.Probability(f))}; trees fitted on the other three quarters {TopK(check.Score)}",
        };
        foreach (var ratio in new[] { 0.5, 0.3, 0.2, 0.1, 0.0 })
        {
            var quoted = held.Select(g =>
            {
                var ranked = g.Examples.Select(e => (e.Label, P: check.Probability(e.Features))).OrderByDescending(e => e.P).ToList();
                return ranked.Take(1).Concat(ranked.Skip(1).Where(e => e.P >= ratio * ranked[0].P).Take(2)).ToList();
            }).ToList();
            lines.Add(string.Create(culture, $"  more sentences at ≥ {ratio} × the best: holds gold {quoted.Count(q => q.Any(e => e.Label)) / (double)held.Count:P1}, {quoted.Average(q => q.Count):F2} sentences"));
        }

        return lines;
    }

    /// <summary>Every candidate sentence of each answerable question's answer passages, with its ranking features and label.</summary>
    private async Task<List<(EvalQuestion Question, List<(double[] Features, bool Label)> Examples)>> FirstStageGroupsAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, CancellationToken cancellationToken)
    {
        var groups = new List<(EvalQuestion Question, List<(double[] Features, bool Label)> Examples)>();
        await ForEachAnswerableAsync(questions, corpusIds, async (question, golds, query, weights, passages, vector) =>
        {
            var candidates = await answerer.CandidatesAsync(SentenceFeatures.QuestionTerms.From(query, weights), passages, vector, cancellationToken);
            groups.Add((question, candidates.Select(c => (c.RankFeatures.ToArray(), SquadScoring.ContainsGold(c.Text, golds))).ToList()));
        }, cancellationToken);
        return groups;
    }

    /// <summary>A quarter of the articles (0..3), fixed by FNV-1a of the article id like the split.</summary>
    private static int Fold(EvalQuestion question) => (int)((EvalSplit.Fnv1a(question.ArticleId ?? question.Id) >> 1) & 3);

    /// <summary>
    /// One answerer per quarter of the articles, ranking with first-stage trees fitted on the other three quarters: the
    /// abstainer then learns from first-stage probabilities of questions the trees never saw, as at answer time (trees
    /// fitted on a question are surer of it than of a new one, which would make the threshold chosen on train too low).
    /// </summary>
    private async Task<Dictionary<int, ExtractiveAnswerer>> CrossFittedAsync(IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, CancellationToken cancellationToken)
    {
        var groups = await FirstStageGroupsAsync(questions, corpusIds, cancellationToken);
        var answerers = new Dictionary<int, ExtractiveAnswerer>();
        for (var fold = 0; fold < 4; fold++)
        {
            var fit = groups.Where(g => Fold(g.Question) != fold).SelectMany(g => g.Examples).ToList();
            answerers[fold] = fit.Any(e => e.Label) && !fit.All(e => e.Label)
                ? answerer.WithFirstStage(new FirstStageModel(TreeTrainer.Fit(RankingFeatures.Names, fit, $"fold {fold}")))
                : answerer;
        }

        return answerers;
    }

    /// <summary>Runs <paramref name="visit"/> on each answerable question with gold answers, retrieved exactly as an ask does.</summary>
    private async Task ForEachAnswerableAsync(
        IReadOnlyList<EvalQuestion> questions,
        IReadOnlySet<string> corpusIds,
        Func<EvalQuestion, IReadOnlyList<string>, string, TermWeights, IReadOnlyList<Passage>, ReadOnlyMemory<float>, Task> visit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        foreach (var question in questions)
        {
            if (!question.IsAnswerable(corpusIds) || question.Answers is not { Count: > 0 } golds)
            {
                continue;
            }

            var (query, passages, weights, vector) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages, cancellationToken);
            await visit(question, golds, query, weights, passages, vector);
        }
    }

    /// <summary>
    /// The abstention model on every example, and the trade-off curve and threshold from <b>cross-fitted</b> scores: each
    /// quarter of the articles scored by a model fitted on the other three (as the first stage's trees are), so the curve
    /// is what a new question sees, and the threshold is chosen on it (<see cref="AbstentionThreshold"/>).
    /// </summary>
    public async Task<(AbstentionModel Model, int Questions, IReadOnlyList<(double Threshold, double Answerable, double NearMiss, double OffTopic)> Curve, double Threshold)> TrainAbstentionAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answerers = await CrossFittedAsync(questions, corpusIds, cancellationToken);
        var examples = new List<(double[] Features, int Kind, int Fold)>();
        var empty = new int[3];
        var used = 0;
        foreach (var question in questions)
        {
            if (!question.IsAnswerable(corpusIds) || question.Answers is not { Count: > 0 } golds)
            {
                continue;
            }

            used++;
            var (query, passages, weights, vector) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages, cancellationToken);
            var (_, wider, _, _) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages + OffTopic.ExtraPassages, cancellationToken);
            var shownByKind = new[]
            {
                passages,
                RetrievalService.Hide(passages, s => SquadScoring.ContainsGold(s, golds)),
                OffTopic.OtherArticles(wider, question, options.Value.AnswerPassages),
            };
            var offTopicWeights = await _offTopicWeights.WithoutOwnArticleAsync(EvaluationRunner.Library, query, question, cancellationToken);
            for (var kind = 0; kind < shownByKind.Length; kind++)
            {
                var shown = shownByKind[kind];
                var termWeights = kind == OffTopicVersion ? offTopicWeights : weights; // weighed without its own article too
                var ranked = await answerers[Fold(question)].RankAsync(query, termWeights, shown, vector, cancellationToken);
                if (ranked.Count == 0 || UnknownNames.Find(query, termWeights, shown) is not null)
                {
                    empty[kind]++; // confidence 0: abstains at every threshold, nothing to learn from
                    continue;
                }

                examples.Add((AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(query, termWeights), ranked, shown), kind, Fold(question)));
            }
        }

        var model = AbstentionModel.Fit(examples.Select(e => (e.Features, e.Kind == Answerable)).ToList(), trainedOn);
        var scored = CrossFitted(examples, fit => AbstentionModel.Fit(fit, "fold").Probability);
        double Abstained(List<(double Confidence, int Kind)> s, int kind, double threshold) => (s.Count(x => x.Kind == kind && x.Confidence < threshold) + empty[kind]) / (double)Math.Max(used, 1);
        double Rule(List<(double Confidence, int Kind)> s) => AbstentionThreshold.Choose([.. s.Where(x => x.Kind == Answerable).Select(x => x.Confidence)], empty[Answerable], used);
        var curve = Enumerable.Range(1, 38).Select(i => i * 0.025).Select(t => (t, Abstained(scored, Answerable, t), Abstained(scored, NearMiss, t), Abstained(scored, OffTopicVersion, t))).ToList();
        var threshold = Rule(scored);
        Comparison.Clear();
        Comparison.Add($"confidence 0 (no candidate, or an unknown name or counted noun), answerable / near-miss / off-topic: {empty[Answerable]} / {empty[NearMiss]} / {empty[OffTopicVersion]} of {used}");
        foreach (var (name, fitter) in Variants())
        {
            var s = CrossFitted(examples, fitter);
            var t = Rule(s);
            var auc = ConfidenceAuc.Compute([.. s.Where(x => x.Kind == Answerable).Select(x => x.Confidence)], [.. s.Where(x => x.Kind == NearMiss).Select(x => x.Confidence)]);
            Comparison.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}: rule threshold {t:F4}: answerable {Abstained(s, Answerable, t):P1}, near-miss {Abstained(s, NearMiss, t):P1}, off-topic {Abstained(s, OffTopicVersion, t):P1}; AUC vs near-miss {auc:F3}"));
        }

        return (model, used, curve, threshold);
    }

    public List<string> Comparison { get; } = [];

    private static IEnumerable<(string, Func<List<(double[], bool)>, Func<IReadOnlyList<double>, double>>)> Variants()
    {
        yield return ("logistic", fit => AbstentionModel.Fit(fit, "fold").Probability);
        foreach (var (trees, leaves, min, rate) in new[] { (100, 8, 20, 0.1), (200, 4, 20, 0.05) })
        {
            yield return ($"trees {trees}x{leaves} min {min} rate {rate}", fit => TreeTrainer.Fit(AbstentionFeatures.Names, fit, "fold", new TreeTrainer.Settings(trees, leaves, min, rate)).Probability);
        }
    }

    /// <summary>Each quarter of the articles scored by a model fitted on the other three.</summary>
    private static List<(double Confidence, int Kind)> CrossFitted(List<(double[] Features, int Kind, int Fold)> examples, Func<List<(double[], bool)>, Func<IReadOnlyList<double>, double>> fitter)
    {
        var scored = new List<(double Confidence, int Kind)>(examples.Count);
        for (var fold = 0; fold < 4; fold++)
        {
            var fit = examples.Where(e => e.Fold != fold).Select(e => (e.Features, e.Kind == Answerable)).ToList();
            var score = fitter(fit);
            scored.AddRange(examples.Where(e => e.Fold == fold).Select(e => (score(e.Features), e.Kind)));
        }

        return scored;
    }

    private const int Answerable = 0;
    private const int NearMiss = 1;
    private const int OffTopicVersion = 2;
}
