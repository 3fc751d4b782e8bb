using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
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
/// off-topic version, answered from the best passages of other articles (its own as if not indexed), a third (label 0). The
/// trade-off curve on the same questions comes back with it; the threshold is chosen from it.
/// </summary>
public sealed class AnswererTrainer(RetrievalService retrieval, ExtractiveAnswerer answerer, IOptions<SearchOptions> options)
{
    public async Task<(SentenceModel Model, int Questions, int Positives)> TrainAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        // only the encoded candidates carry their own sentence cosine: train with --Search:DenseSentences=10
        var (examples, used) = await CandidateExamplesAsync(
            questions, corpusIds, async (query, weights, passages, vector) => (await answerer.RankAsync(query, weights, passages, vector, cancellationToken)).Take(options.Value.DenseSentences), cancellationToken);
        var model = SentenceModel.Fit(examples, trainedOn);
        return (model, used, examples.Count(e => e.Label));
    }

    /// <summary>The <see cref="FirstStageModel"/>: every candidate sentence of the answer passages is an example (nothing is encoded).</summary>
    public async Task<(FirstStageModel Model, int Questions, int Positives)> TrainFirstStageAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        var (examples, used) = await CandidateExamplesAsync(
            questions, corpusIds, (query, weights, passages, _) => Task.FromResult<IEnumerable<SentenceCandidate>>(answerer.AllCandidates(SentenceFeatures.QuestionTerms.From(query, weights), passages)), cancellationToken);
        var model = FirstStageModel.Fit(examples, trainedOn);
        return (model, used, examples.Count(e => e.Label));
    }

    private async Task<(List<(double[] Features, bool Label)> Examples, int Questions)> CandidateExamplesAsync(
        IReadOnlyList<EvalQuestion> questions,
        IReadOnlySet<string> corpusIds,
        Func<string, TermWeights, IReadOnlyList<Passage>, ReadOnlyMemory<float>, Task<IEnumerable<SentenceCandidate>>> candidates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var examples = new List<(double[] Features, bool Label)>();
        var used = 0;
        foreach (var question in questions)
        {
            if (!question.IsAnswerable(corpusIds) || question.Answers is not { Count: > 0 } golds)
            {
                continue;
            }

            used++;
            var (query, passages, weights, vector) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages, cancellationToken);
            examples.AddRange((await candidates(query, weights, passages, vector)).Select(c => (c.Features.ToArray(), SquadScoring.ContainsGold(c.Text, golds))));
        }

        return (examples, used);
    }

    public async Task<(AbstentionModel Model, int Questions, IReadOnlyList<(double Threshold, double Answerable, double NearMiss, double OffTopic)> Curve)> TrainAbstentionAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var examples = new List<(double[] Features, int Kind)>();
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
            var (_, wider, _, _) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages + 10, cancellationToken);
            var shownByKind = new[]
            {
                passages,
                RetrievalService.Hide(passages, s => SquadScoring.ContainsGold(s, golds)),
                OtherArticles(wider, question),
            };
            for (var kind = 0; kind < shownByKind.Length; kind++)
            {
                var shown = shownByKind[kind];
                var ranked = await answerer.RankAsync(query, weights, shown, vector, cancellationToken);
                if (ranked.Count == 0 || UnknownNames.Find(query, weights, shown) is not null)
                {
                    empty[kind]++; // confidence 0: abstains at every threshold, nothing to learn from
                    continue;
                }

                examples.Add((AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(query, weights), ranked, shown), kind));
            }
        }

        var model = AbstentionModel.Fit(examples.Select(e => (e.Features, e.Kind == Answerable)).ToList(), trainedOn);
        var scored = examples.Select(e => (Confidence: model.Probability(e.Features), e.Kind)).ToList();
        double Abstained(int kind, double threshold) => (scored.Count(s => s.Kind == kind && s.Confidence < threshold) + empty[kind]) / (double)Math.Max(used, 1);
        var curve = Enumerable.Range(1, 38).Select(i => i * 0.025).Select(t => (t, Abstained(Answerable, t), Abstained(NearMiss, t), Abstained(OffTopic, t))).ToList();
        return (model, used, curve);
    }

    private const int Answerable = 0;
    private const int NearMiss = 1;
    private const int OffTopic = 2;

    /// <summary>The best answer passages from articles other than the question's own (its article as if not indexed).</summary>
    private IReadOnlyList<Passage> OtherArticles(IReadOnlyList<Passage> passages, EvalQuestion question)
    {
        var own = EvaluationRunner.SourcePrefix + (question.ArticleId ?? string.Empty) + "#";
        var gold = question.PassageIds?.Select(id => EvaluationRunner.SourcePrefix + id).ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. passages.Where(p => !gold.Contains(p.Article.Source) && (question.ArticleId is null || !p.Article.Source.StartsWith(own, StringComparison.Ordinal))).Take(options.Value.AnswerPassages)];
    }
}
