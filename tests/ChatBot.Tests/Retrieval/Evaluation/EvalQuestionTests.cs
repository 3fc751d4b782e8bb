using System.Text.Json;
using ChatBot.Retrieval.Evaluation;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class EvalQuestionTests
{
    private static readonly HashSet<string> Corpus = ["p1"];

    private static EvalQuestion Read(string json) => JsonSerializer.Deserialize<EvalQuestion>(json)!;

    [Theory]
    [InlineData("""{"id":"a","question":"q","answers":["x"],"passage_ids":["p1"]}""", true)]
    [InlineData("""{"id":"b","question":"q","answers":["x"],"passage_ids":["p9"]}""", false)]
    [InlineData("""{"id":"c","question":"q","answers":[],"passage_ids":["p1"],"is_impossible":true}""", false)]
    [InlineData("""{"id":"d","question":"q","answers":[],"passage_ids":["p1"],"is_impossible":false}""", false)]
    [InlineData("""{"id":"e","question":"q","answers":["x"],"passage_ids":["p1"],"is_impossible":false}""", true)]
    [InlineData("""{"id":"f","question":"q","answers":["x"],"passage_ids":["p1"],"answerable":false}""", false)]
    [InlineData("""{"id":"g","question":"q","answers":[],"passage_ids":["p1"]}""", false)]
    [InlineData("""{"id":"h","question":"q","passage_ids":["p1"]}""", true)]
    [InlineData("""{"id":"i","question":"q","answers":[{"text":"x","answer_start":3}],"passage_ids":["p1"],"is_impossible":false}""", true)]
    [InlineData("""{"id":"j","question":"q","answers":[],"plausible_answers":[{"text":"x","answer_start":3}],"passage_ids":["p1"],"is_impossible":true}""", false)]
    public void IsAnswerable_SquadV2AndExplicitFlags_AreHonoured(string json, bool expected)
    {
        Assert.Equal(expected, Read(json).IsAnswerable(Corpus));
    }

    [Fact]
    public void Answers_SquadV2AnswerObjects_AreReadAsTheirText()
    {
        var question = Read("""{"id":"a","question":"q","answers":[{"text":"October 1973","answer_start":12},"1973"],"passage_ids":["p1"]}""");

        Assert.Equal(["October 1973", "1973"], question.Answers);
    }

    [Fact]
    public void Answers_NeitherTextNorObject_IsAClearError()
    {
        var error = Assert.Throws<JsonException>(() => Read("""{"id":"a","question":"q","answers":[42]}"""));

        Assert.Contains("answers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_Split_KeepsWholeArticlesApartAndSamplesEvenly()
    {
        var questions = Enumerable.Range(0, 200).Select(i => new EvalQuestion("q" + i, "?", ["a"], null, "article" + (i % 20))).ToList();

        var train = EvalSplit.Select(questions, "train", null);
        var test = EvalSplit.Select(questions, "test", null);
        var sample = EvalSplit.Select(questions, "test", 10);

        Assert.Equal(200, train.Count + test.Count);
        Assert.Empty(train.Select(q => q.ArticleId).Intersect(test.Select(q => q.ArticleId)));
        Assert.Equal(10, sample.Count);
        Assert.All(sample, q => Assert.Contains(q, test));
        Assert.Equal(sample, EvalSplit.Select(questions, "test", 10));
    }
}
