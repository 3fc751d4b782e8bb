using ChatBot.Retrieval.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Evaluation;

public sealed class AnswererTrainerTests
{
    private static readonly EvalDocument[] Corpus =
    [
        new("penguins#0", "Penguins", "Emperor penguins breed during the Antarctic winter on the sea ice. Their chicks hatch after about sixty-four days of incubation by the father."),
        new("volcanoes#0", "Volcanoes", "Volcanoes erupt when magma rises through the crust of the earth. Iceland has about thirty active volcanic systems on the ridge."),
        new("coffee#0", "Coffee", "Coffee beans are roasted at about two hundred degrees before grinding. Arabica beans make up most of the coffee grown in the world."),
    ];

    private static readonly EvalQuestion[] Questions =
    [
        new("q1", "How long do emperor penguin chicks take to hatch?", ["sixty-four days"], ["penguins#0"], "penguins"),
        new("q2", "How many active volcanic systems does Iceland have?", ["thirty"], ["volcanoes#0"], "volcanoes"),
        new("q3", "At what temperature are coffee beans roasted?", ["two hundred degrees"], ["coffee#0"], "coffee"),
    ];

    [Fact]
    public async Task TrainAbstentionAsync_LearnsFromAnswerableNearMissAndOffTopicVersions()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var ids = await host.Services.GetRequiredService<EvaluationRunner>().IndexCorpusAsync(Corpus, null, CancellationToken.None);
        var trainer = host.Services.GetRequiredService<AnswererTrainer>();

        var (model, used, curve, threshold) = await trainer.TrainAbstentionAsync(Questions, Corpus.Select(d => d.Id).ToHashSet(), "tiny", CancellationToken.None);

        Assert.Equal(3, ids.Count);
        Assert.Equal(3, used);
        // each question as is, with its answer hidden, and answered from the other two articles; that last one weighed
        // without its own article, where "Iceland" is a name no article holds: it abstains outright, nothing to learn
        Assert.Equal(8, model.Examples);
        Assert.Equal(38, curve.Count);
        var top = curve[^1]; // threshold 0.95: almost everything abstains
        Assert.True(top.OffTopic >= top.Answerable, $"off-topic {top.OffTopic}, answerable {top.Answerable}");
        Assert.All(curve, c => Assert.InRange(c.OffTopic, 0, 1));
        Assert.InRange(threshold, 0, 1); // 2 % of 3 questions is none: below every cross-fitted answerable confidence
        Assert.True(curve.Where(c => c.Threshold <= threshold).All(c => c.Answerable == 0), "no answerable question may abstain at or under the chosen threshold");
    }
}
