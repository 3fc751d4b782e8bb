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
/// (label 1) and its near-miss version, with every sentence holding a gold answer hidden, another (label 0). The
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

    public async Task<(AbstentionModel Model, int Questions, IReadOnlyList<(double Threshold, double Answerable, double NearMiss)> Curve)> TrainAbstentionAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var examples = new List<(double[] Features, bool Label)>();
        int used = 0, emptyAnswerable = 0, emptyNearMiss = 0;
        foreach (var question in questions)
        {
            if (!question.IsAnswerable(corpusIds) || question.Answers is not { Count: > 0 } golds)
            {
                continue;
            }

            used++;
            var (query, passages, weights, vector) = await retrieval.RetrieveAsync(EvaluationRunner.Library, question.Question, null, options.Value.AnswerPassages, cancellationToken);
            foreach (var answerable in new[] { true, false })
            {
                var shown = answerable ? passages : RetrievalService.Hide(passages, s => SquadScoring.ContainsGold(s, golds));
                var ranked = await answerer.RankAsync(query, weights, shown, vector, cancellationToken);
                if (ranked.Count == 0 || UnknownNames.Find(query, weights, shown) is not null)
                {
                    // confidence 0: abstains at every threshold, nothing to learn from
                    emptyAnswerable += answerable ? 1 : 0;
                    emptyNearMiss += answerable ? 0 : 1;
                    continue;
                }

                examples.Add((AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(query, weights), ranked, shown), answerable));
            }
        }

        var model = AbstentionModel.Fit(examples, trainedOn);
        var scored = examples.Select(e => (Confidence: model.Probability(e.Features), e.Label)).ToList();
        var curve = Enumerable.Range(1, 38).Select(i => i * 0.025).Select(t => (
            t,
            (scored.Count(s => s.Label && s.Confidence < t) + emptyAnswerable) / (double)Math.Max(used, 1),
            (scored.Count(s => !s.Label && s.Confidence < t) + emptyNearMiss) / (double)Math.Max(used, 1))).ToList();
        return (model, used, curve);
    }
}
