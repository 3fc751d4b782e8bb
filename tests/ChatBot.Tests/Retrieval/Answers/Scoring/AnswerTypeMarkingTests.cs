using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

/// <summary>Which phrase is marked when a sentence holds several of the expected type (qa findings A1, A2, A3, A4, A5, A6, A7, A8).</summary>
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
    [InlineData("how deep do you plant garlic cloves", "After six weeks, plant each clove about 2.5\u00a0cm below the surface.", "2.5\u00a0cm")]
    [InlineData("how far is the lake from the town", "In 2020 its 300 residents lived 12 km from the lake.", "12 km")]
    [InlineData("how heavy is the bell", "The 300-year-old bell rang 40 times and weighs 2.5 tonnes.", "2.5 tonnes")]
    [InlineData("who is the mayor of vellmar", "\"This is the moment our city starts living it,\" said mayor Ingrid Solberg.", "Ingrid Solberg")]
    [InlineData("who said it", "“Nothing worked,” said Per Lindqvist.", "Per Lindqvist")]
    [InlineData("how do i stop pigeons eating my kale", "The only thing that has ever worked for me is netting with a fine mesh.", "The only thing that has ever worked for me is netting with a fine mesh")]
    public void Find_SeveralPhrasesOfTheType_MarksTheOneThatFitsTheQuestion(string question, string sentence, string expected)
    {
        var stems = TextTerms.ContentTerms(question).ToHashSet(StringComparer.Ordinal);

        var span = AnswerType.Find(AnswerType.Of(question), sentence, stems);

        Assert.NotNull(span);
        Assert.Equal(expected, sentence.Substring(span.Value.Start, span.Value.Length));
    }

    [Theory]
    [InlineData("How much did the solar farm cost?", "180,000 people", false)]
    [InlineData("How much did the solar farm cost?", "€41 million", true)]
    [InlineData("how deep do you plant garlic", "six weeks", false)]
    [InlineData("how deep do you plant garlic", "2.5 cm", true)]
    [InlineData("how long did construction take", "twenty months", true)]
    [InlineData("who is the mayor", "Ingrid Solberg", true)]
    public void FitsQuestion_IsTheKindOfQuantityTheQuestionAsksFor(string question, string phrase, bool fits)
    {
        var stems = TextTerms.ContentTerms(question).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(fits, AnswerType.FitsQuestion(AnswerType.Of(question), phrase, stems));
    }
}
