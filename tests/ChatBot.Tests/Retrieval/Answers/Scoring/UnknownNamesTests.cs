using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class UnknownNamesTests
{
    private static IReadOnlyList<Passage> Passages(string text)
    {
        var chunk = new Chunk(1, 1, 0, text, 0, SentenceSplitter.Split(text));
        var article = new Article(1, "test:1", "History notes", null, null, null, DateTimeOffset.UnixEpoch, "h", 1);
        return [new Passage(chunk, article, new SearchCandidate(1, 1, 0.03, 1, 1, 5, 0.5f))];
    }

    // Every question word is unseen in the index except the ones listed as known.
    private static TermWeights Weights(string question, params string[] known)
    {
        var terms = TextTerms.Tokens(question).Select(t => t.Token).ToList();
        return TermWeights.From(terms, known.ToDictionary(k => k, _ => 3), 100);
    }

    [Theory]
    [InlineData("Where was Ghandi born?", "Gandhi was born in Porbandar in 1869.")]
    [InlineData("When did Bismark become chancellor?", "Bismarck became chancellor of the German Empire in 1871.")]
    [InlineData("What did Ghengis Khan conquer?", "Genghis Khan conquered much of Asia.")]
    public void Find_MisspelledNameOfThePassages_IsNotUnknown(string question, string text)
    {
        Assert.Null(UnknownNames.Find(question, Weights(question, "born", "become", "chancellor", "conquer", "khan"), Passages(text)));
    }

    [Theory]
    [InlineData("Who was the mayor of Zorblax40 in 1900?", "In 1900 the mayor of Zorblax00 was Piet Aarons.", "Zorblax40")]
    [InlineData("Where was Nehru born?", "Gandhi was born in Porbandar in 1869.", "Nehru")]
    [InlineData("Who is Bob?", "Bo and Rob met in 1869.", "Bob")]
    public void Find_NameFarFromEveryPassageWord_IsUnknown(string question, string text, string name)
    {
        Assert.Equal(name, UnknownNames.Find(question, Weights(question, "mayor", "1900", "born"), Passages(text)));
    }

    [Fact]
    public void IsMisspelling_LettersMixedWithDigitsInTheIndex_NeverStandIn()
    {
        Assert.False(UnknownNames.IsMisspelling("zorblax4", new HashSet<string>(StringComparer.Ordinal) { "zorblax0" }));
        Assert.True(UnknownNames.IsMisspelling("bismark", new HashSet<string>(StringComparer.Ordinal) { "bismarck" }));
        Assert.False(UnknownNames.IsMisspelling("pismark", new HashSet<string>(StringComparer.Ordinal) { "bismarck" }));
    }

    [Theory]
    [InlineData("how many gpus did deepseek use to train r1", "gpus")]
    [InlineData("How many GPUs did DeepSeek use?", "gpus")]
    [InlineData("how many of the homes will it power", "homes")]
    [InlineData("how much did it cost", null)]
    [InlineData("what did lecun say about gpus", null)]
    public void CountedNoun_HowManyQuestion_IsTheNounCounted(string question, string? noun)
    {
        Assert.Equal(noun, AnswerType.CountedNoun(question));
    }

    [Fact]
    public void Find_LowerCaseCountedNounNoArticleHolds_IsUnknown()
    {
        const string question = "how many gpus did deepseek use to train r1";

        Assert.Equal("gpus", UnknownNames.Find(question, Weights(question, "many", "did", "deepseek", "use", "train", "r1"), Passages("DeepSeek trained R1 in two months.")));
    }

    [Theory]
    [InlineData("what did deepseek use gpus for", "gpus")]        // not the counted noun: the articles may word it otherwise
    [InlineData("how many clustres did deepseek use", "clustres")] // the counted noun is a passage word misspelled
    public void Find_OtherLowerCaseWordsTheIndexLacks_AreNotUnknown(string question, string unseen)
    {
        var known = TextTerms.Tokens(question).Select(t => t.Token).Where(t => t != unseen).ToArray();

        Assert.Null(UnknownNames.Find(question, Weights(question, known), Passages("DeepSeek used two clusters to train R1.")));
    }
}
