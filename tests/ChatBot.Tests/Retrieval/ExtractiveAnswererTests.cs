using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval;

public sealed class ExtractiveAnswererTests
{
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new SearchOptions { AbstainBelow = 0.3 }));

    private static Passage PassageOf(string text, float similarity)
    {
        var chunk = new Chunk(1, 1, 0, text, 0, SentenceSplitter.Split(text));
        var article = new Article(1, "test:penguins", "Penguins", null, null, null, DateTimeOffset.UnixEpoch, "h", 1);
        return new Passage(chunk, article, new SearchCandidate(1, 1, 0.03, 1, 1, 5, similarity));
    }

    private static TermWeights Weights(string question) =>
        TermWeights.From(HybridSearcher.QueryTerms(question), new Dictionary<string, int>(), 100);

    [Fact]
    public void Answer_SentenceCoversQuestion_QuotesAndCitesIt()
    {
        var passage = PassageOf("Emperor penguins breed during the Antarctic winter on sea ice. Krill is their main food source today.", 0.7f);

        var answer = Answerer.Answer("When do emperor penguins breed?", Weights("When do emperor penguins breed?"), [passage]);

        Assert.False(answer.Abstained);
        Assert.Contains("Antarctic winter", answer.Text);
        Assert.Equal("test:penguins", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public void Answer_UnrelatedPassage_Abstains()
    {
        var passage = PassageOf("Emperor penguins breed during the Antarctic winter on sea ice. Krill is their main food source today.", 0.05f);

        var answer = Answerer.Answer("Who designed the Eiffel Tower?", Weights("Who designed the Eiffel Tower?"), [passage]);

        Assert.True(answer.Abstained);
        Assert.StartsWith(ExtractiveAnswerer.NotFound, answer.Text);
    }

    [Fact]
    public void Answer_NoPassages_Abstains() =>
        Assert.True(Answerer.Answer("Anything?", Weights("Anything?"), []).Abstained);
}
