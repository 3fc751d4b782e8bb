using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

/// <summary>Which phrase is marked when a sentence holds several of the expected type (qa findings A1, A2, A4, A7, A8).</summary>
public sealed class AnswerTypeMarkingTests
{
    [Theory]
    [InlineData("How much did the solar farm cost?", "Vellmar, a harbour city of 180,000 people, paid €41 million for the farm.", "€41 million")]
    [InlineData("how many homes will the solar farm power", "Vellmar, a harbour city of 180,000 people, will power roughly 14,000 homes.", "14,000 homes")]
    [InlineData("how long did construction take", "Construction began in 2025 and took twenty months.", "twenty months")]
    [InlineData("How much money did the festival raise?", "In 2024 the 300 volunteers raised forty-two thousand dollars.", "forty-two thousand dollars")]
    [InlineData("How many GPUs did DeepSeek use?", "In 2024 it used 2,048 GPUs.", "2,048 GPUs")]
    [InlineData("when will the move to Riverside take place?", "The move is planned for the weekend of 12 and 13 December.", "12 and 13 December")]
    [InlineData("when do crates arrive", "The crates arrive on Wednesday 9 December at the back door.", "Wednesday 9 December")]
    public void Find_SeveralPhrasesOfTheType_MarksTheOneThatFitsTheQuestion(string question, string sentence, string expected)
    {
        var stems = TextTerms.ContentTerms(question).ToHashSet(StringComparer.Ordinal);

        var span = AnswerType.Find(AnswerType.Of(question), sentence, stems);

        Assert.NotNull(span);
        Assert.Equal(expected, sentence.Substring(span.Value.Start, span.Value.Length));
    }
}
