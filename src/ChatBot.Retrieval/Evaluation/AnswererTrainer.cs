using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Learns the <see cref="SentenceModel"/> weights: each answerable question is retrieved and ranked exactly as an ask
/// does, every candidate sentence becomes an example (its features; label: it holds a gold answer), and a logistic
/// regression is fitted. Run it on the train part of the declared split only (`eval train-answerer --split train`).
/// </summary>
public sealed class AnswererTrainer(RetrievalService retrieval, ExtractiveAnswerer answerer, IOptions<SearchOptions> options)
{
    public async Task<(SentenceModel Model, int Questions, int Positives)> TrainAsync(
        IReadOnlyList<EvalQuestion> questions, IReadOnlySet<string> corpusIds, string trainedOn, CancellationToken cancellationToken)
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
            var ranked = await answerer.RankAsync(query, weights, passages, vector, cancellationToken);
            examples.AddRange(ranked.Select(c => (c.Features.ToArray(), SquadScoring.ContainsGold(c.Text, golds))));
        }

        var model = SentenceModel.Fit(examples, trainedOn);
        return (model, used, examples.Count(e => e.Label));
    }
}
