using ChatBot.Retrieval.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Evaluation;

public sealed class ChatEvaluationTests
{
    [Fact]
    public async Task AnswerAsync_Chat_AsksEachAnswerableQuestionTypedWithAndWithoutCorrectionAndAsWrittenWithout()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var runner = host.Services.GetRequiredService<EvaluationRunner>();
        var corpus = new[] { new EvalDocument("d1", "Penguins", "Penguins live in Antarctica and eat krill. Emperor penguins breed in winter on the sea ice.") };
        var ids = await runner.IndexCorpusAsync(corpus, null, CancellationToken.None);
        var questions = new[]
        {
            new EvalQuestion("q1", "Where do penguins live?", ["Antarctica"], ["d1"]),
            new EvalQuestion("q2", "When was the Eiffel Tower built?", ["1889"], ["d9"]),
        };

        var (predictions, report) = await runner.AnswerAsync(questions, new HashSet<string> { "d1" }, ids, CancellationToken.None, nearMiss: true, chat: true);

        Assert.Equal(
            ["q1", "q1#near-miss", "q1#chat", "q1#chat-uncorrected", "q1#uncorrected", "q1#chat-near-miss", "q1#chat-near-miss-uncorrected", "q1#near-miss-uncorrected", "q2"],
            predictions.Select(p => p.Id));
        Assert.Equal((1, 1, 1), (report.ChatNearMiss!.Count, report.ChatNearMissUncorrected!.Count, report.NearMissUncorrected!.Count));
        Assert.Equal(0.0, report.ChatNearMiss.ContainsGold);
        Assert.Equal((1, 1, 1), (report.Chat!.Count, report.ChatUncorrected!.Count, report.AnswerableUncorrected!.Count));
        Assert.Equal(1.0, report.Chat.ContainsGold);
        Assert.Equal(1.0, report.AnswerableUncorrected.ContainsGold);
        Assert.Equal(1.0, report.ContainsGold);
        Assert.Contains("chat-typed (1;", report.ToString(), StringComparison.Ordinal);
    }
}
