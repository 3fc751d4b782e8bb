using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval.Answers;

public sealed class ExtractiveAnswererTests
{
    private static readonly ExtractiveAnswerer Answerer = new(Options.Create(new SearchOptions()));

    private static Passage Passage(long articleId, string title, string text, float similarity, int ordinal = 0)
    {
        var draft = new Chunker(Options.Create(new ChunkingOptions())).Chunk(text)[0];
        var chunk = new Chunk(articleId * 10, articleId, ordinal, draft.Text, draft.Start, draft.Sentences);
        var article = new Article(articleId, "test:" + articleId, title, null, null, null, DateTimeOffset.UnixEpoch, "hash", 1);
        return new Passage(chunk, article, new SearchCandidate(chunk.Id, articleId, 0.03, 1, 1, 5, similarity));
    }

    private static TermWeights Weights(params (string Term, int Df)[] terms) =>
        TermWeights.From(terms.Select(t => t.Term).ToList(), terms.ToDictionary(t => t.Term, t => t.Df), 100);

    [Fact]
    public void Answer_QuotesTheSentenceThatCoversTheQuestion_WithItsCitation()
    {
        var passage = Passage(1, "Open models", "The weather was mild that week. LeCun praised the DeepSeek R1 model for being open source. Stocks fell.", 0.6f);

        var answer = Answerer.Answer("What did LeCun say about DeepSeek R1?", Weights(("lecun", 2), ("deepseek", 1), ("r1", 1)), [passage]);

        Assert.False(answer.Abstained);
        Assert.Equal("“LeCun praised the DeepSeek R1 model for being open source.” [1]", answer.Text);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(1, citation.Number);
        Assert.Equal("Open models", citation.Title);
    }

    [Fact]
    public void Answer_WeakEvidence_AbstainsAndListsClosestArticles()
    {
        var passage = Passage(1, "Cooking", "Pasta should be boiled in salted water for nine minutes. Serve it warm.", 0.05f);

        var answer = Answerer.Answer("Who won the 1998 football world cup?", Weights(("won", 20), ("1998", 3), ("football", 2), ("world", 30), ("cup", 4)), [passage]);

        Assert.True(answer.Abstained);
        Assert.StartsWith(ExtractiveAnswerer.NotFound, answer.Text, StringComparison.Ordinal);
        Assert.Equal("Cooking", Assert.Single(answer.Citations).Title);
    }

    [Fact]
    public void Answer_NoPassages_Abstains()
    {
        var answer = Answerer.Answer("Anything?", Weights(("anything", 1)), []);

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public void Compose_EvidenceFromTwoArticles_BestFirstAndBothCited()
    {
        var first = Candidate(Passage(1, "A", "The Apollo 11 mission landed on the Moon in July 1969 with Armstrong.", 0.7f), 0.8);
        var second = Candidate(Passage(2, "B", "Armstrong and Aldrin walked on the Moon during the Apollo 11 mission.", 0.65f), 0.6);

        // Each sentence has a question term the other lacks (July, Aldrin), so both are quoted and both articles cited.
        var answer = AnswerComposer.Compose("When did Apollo 11 land on the Moon in July with Aldrin?", [first, second], 3, 0.8);

        Assert.Equal([1, 2], answer.Citations.Select(c => c.Number));
        Assert.Equal(["A", "B"], answer.Citations.Select(c => c.Title));
        Assert.StartsWith("“The Apollo 11 mission", answer.Text, StringComparison.Ordinal);
        Assert.Contains("” [1] “Armstrong and Aldrin", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SecondSentenceAddsNoQuestionTerm_IsLeftOut()
    {
        var first = Candidate(Passage(1, "A", "The Apollo 11 mission landed on the Moon in July 1969 with Armstrong.", 0.7f), 0.8);
        var second = Candidate(Passage(2, "B", "The Apollo 11 crew landed on the Moon in July.", 0.65f), 0.7);

        var answer = AnswerComposer.Compose("When did Apollo 11 land on the Moon?", [first, second], 3, 0.8);

        Assert.Single(answer.Citations);
        Assert.Equal(["The Apollo 11 mission landed on the Moon in July 1969 with Armstrong."], answer.Sentences);
    }

    private static SentenceCandidate Candidate(Passage passage, double probability)
    {
        var span = passage.Chunk.Sentences[0];
        var text = passage.Chunk.Text.Substring(span.Start, span.Length);
        return new SentenceCandidate(passage, 0, span, 0, text, TextTerms.ContentTerms(text), 1, 0, null) { Probability = probability };
    }

    private static readonly ExtractiveAnswerer AbstainingAnswerer = new(Options.Create(new SearchOptions { AbstainBelow = 0.3 }));

    private static Passage PassageOf(string text, float similarity)
    {
        var chunk = new Chunk(1, 1, 0, text, 0, SentenceSplitter.Split(text));
        var article = new Article(1, "test:penguins", "Penguins", null, null, null, DateTimeOffset.UnixEpoch, "h", 1);
        return new Passage(chunk, article, new SearchCandidate(1, 1, 0.03, 1, 1, 5, similarity));
    }

    private static TermWeights QueryWeights(string question) =>
        TermWeights.From(HybridSearcher.QueryTerms(question), new Dictionary<string, int>(), 100);

    [Fact]
    public void Answer_SentenceCoversQuestion_QuotesAndCitesIt()
    {
        var passage = PassageOf("Emperor penguins breed during the Antarctic winter on sea ice. Krill is their main food source today.", 0.7f);

        var answer = AbstainingAnswerer.Answer("When do emperor penguins breed?", QueryWeights("When do emperor penguins breed?"), [passage]);

        Assert.False(answer.Abstained);
        Assert.Contains("Antarctic winter", answer.Text);
        Assert.Equal("test:penguins", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public void Answer_UnrelatedPassage_Abstains()
    {
        var passage = PassageOf("Emperor penguins breed during the Antarctic winter on sea ice. Krill is their main food source today.", 0.05f);

        var answer = AbstainingAnswerer.Answer("Who designed the Eiffel Tower?", QueryWeights("Who designed the Eiffel Tower?"), [passage]);

        Assert.True(answer.Abstained);
        Assert.StartsWith(ExtractiveAnswerer.NotFound, answer.Text);
    }
}
