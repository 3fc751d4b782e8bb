using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

public sealed class TwoStageRankingTests
{
    private const string Question = "How much money did the Quokka Bridge Festival raise?";

    private const string Text =
        "The town of Wattle Creek held its first Quokka Bridge Festival on 3 March. The festival raised forty-two thousand " +
        "dollars for a new footbridge over the creek. Volunteers baked pies and sold them at the gate all day long. " +
        "A brass band from the next valley played until the evening. The mayor thanked the organisers in a short speech. " +
        "Next year the festival will move to a larger field near the old railway station.";

    private static IReadOnlyList<Passage> Passages()
    {
        var chunk = new Chunk(1, 1, 0, Text, 0, SentenceSplitter.Split(Text));
        var article = new Article(1, "test:festival", "Wattle Creek news", null, null, null, DateTimeOffset.UnixEpoch, "h", 1);
        return [new Passage(chunk, article, new SearchCandidate(1, 1, 0.9, 1, 1, 1, 0.6f))];
    }

    private static TermWeights Weights() =>
        TermWeights.From(HybridSearcher.QueryTerms(Question), HybridSearcher.QueryTerms(Question).ToDictionary(t => t, _ => 2), 100);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RankAsync_EncodesOnlyTheFirstStagesBest_AndRanksThemFirst(int dense)
    {
        var embeddings = new FakeEmbeddingGenerator();
        var answerer = new ExtractiveAnswerer(Options.Create(new SearchOptions { DenseSentences = dense, CandidateSentences = 10 }), embeddings);

        var ranked = await answerer.RankAsync(Question, Weights(), Passages(), FakeEmbeddingGenerator.Vector(Question), CancellationToken.None);

        Assert.Equal(dense, embeddings.TextsEmbedded);
        Assert.Equal(6, ranked.Count);
        Assert.Contains("forty-two thousand dollars", ranked[0].Text, StringComparison.Ordinal);
        var firstStage = answerer.AllCandidates(SentenceFeatures.QuestionTerms.From(Question, Weights()), Passages());
        Assert.Equal(firstStage.Take(dense).Select(c => c.Text).Order(), ranked.Take(dense).Select(c => c.Text).Order());
        Assert.Equal(firstStage.Skip(dense).Select(c => c.Text), ranked.Skip(dense).Select(c => c.Text));
    }

    [Fact]
    public async Task RankAsync_AtAskTime_EncodesTheBestFewThroughSentenceCosines_WithoutKeepingThem()
    {
        var embeddings = new FakeEmbeddingGenerator();
        var answerer = new ExtractiveAnswerer(Options.Create(new SearchOptions { DenseSentences = 2, CandidateSentences = 10 }), embeddings);
        var query = FakeEmbeddingGenerator.Vector(Question);

        var ranked = await answerer.RankAsync(Question, Weights(), Passages(), query, CancellationToken.None);
        await answerer.RankAsync(Question, Weights(), Passages(), query, CancellationToken.None);

        Assert.Equal(4, embeddings.TextsEmbedded); // the best two, encoded on each ask: the bot keeps no memo of them
        var dense = SentenceFeatures.IndexOf("sentence_cosine");
        var best = ranked[0];
        Assert.Equal(SentenceVectors.Int8Cosine(query, FakeEmbeddingGenerator.Vector(best.Text)), best.Features[dense], 6);
    }

    [Fact]
    public async Task RankAsync_CandidateSentences_CapsWhatIsRanked()
    {
        var answerer = new ExtractiveAnswerer(Options.Create(new SearchOptions { DenseSentences = 1, CandidateSentences = 3 }), new FakeEmbeddingGenerator());

        var ranked = await answerer.RankAsync(Question, Weights(), Passages(), FakeEmbeddingGenerator.Vector(Question), CancellationToken.None);

        Assert.Equal(3, ranked.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RankAsync_EncodeMissingSentences_GivesEveryCandidateItsCosine_EncodesEachTextOnce(bool treesReadTheCosine)
    {
        var embeddings = new FakeEmbeddingGenerator();
        var answerer = new ExtractiveAnswerer(Options.Create(new SearchOptions { DenseSentences = 2, CandidateSentences = 10, EncodeMissingSentences = true }), embeddings);
        answerer = answerer.WithFirstStage(OneSplitTrees(treesReadTheCosine ? "answer_cosine" : "coverage"));
        var query = FakeEmbeddingGenerator.Vector(Question);

        var ranked = await answerer.RankAsync(Question, Weights(), Passages(), query, CancellationToken.None);
        var again = await answerer.RankAsync(Question, Weights(), Passages(), query, CancellationToken.None);

        Assert.Equal(treesReadTheCosine, answerer.FirstStage.ReadsSentenceCosine);
        Assert.Equal(6, embeddings.TextsEmbedded); // six candidates, each encoded once; the second ask reads the memo
        Assert.All(ranked, c => Assert.NotNull(c.SentenceCosine));
        Assert.Equal(treesReadTheCosine ? 6 : 4, ranked.Count(c => c.Probability == c.FirstStageProbability)); // else the second stage re-scores the best 2
        Assert.Equal(ranked.Select(c => c.Text), again.Select(c => c.Text));
        var festival = ranked.Single(c => c.Text.Contains("forty-two", StringComparison.Ordinal));
        var exact = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(query, FakeEmbeddingGenerator.Vector(festival.Text));
        Assert.InRange(festival.SentenceCosine!.Value, exact - 0.01, exact + 0.01);
        var dense = RankingFeatures.IndexOf("answer_cosine");
        Assert.All(ranked, c => Assert.Equal(c.AnswerSpan is null ? 0 : c.SentenceCosine!.Value, c.RankFeatures[dense], 6)); // "how much" counts the cosine only of a sentence with a quantity
        if (treesReadTheCosine)
        {
            Assert.True(ranked[0].RankFeatures[dense] > 0.3 || ranked.All(c => c.RankFeatures[dense] <= 0.3)); // one split on the cosine
        }
    }

    // One tree of one split on one feature (the sentence's own cosine: the most similar sentence first).
    private static FirstStageModel OneSplitTrees(string feature)
    {
        var tree = new TreeEnsemble.Tree([-1], [-2], [RankingFeatures.IndexOf(feature)], [0.3f], [0, 1], 1);
        return new FirstStageModel(new TreeEnsemble(RankingFeatures.Names, [tree], slope: -1, offset: 0));
    }
}
