using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class AnswerTypeTests
{
    private static readonly HashSet<string> NoQuestionWords = [];

    [Theory]
    [InlineData("How much money did the festival raise?", AnswerKind.Quantity)]
    [InlineData("How many GPUs did DeepSeek use?", AnswerKind.Quantity)]
    [InlineData("When did LeCun post on LinkedIn?", AnswerKind.Date)]
    [InlineData("What year was the bell cast?", AnswerKind.Date)]
    [InlineData("Who is Meta's chief scientist?", AnswerKind.Person)]
    [InlineData("Where is Zorblax10?", AnswerKind.Place)]
    [InlineData("In which country is the town?", AnswerKind.Place)]
    [InlineData("Is DeepSeek R1 open source?", AnswerKind.YesNo)]
    [InlineData("What should Silicon Valley circles do?", AnswerKind.Advice)]
    [InlineData("How should volunteers sign up?", AnswerKind.Advice)]
    [InlineData("What does the town need to do next?", AnswerKind.Advice)]
    [InlineData("how do i stop pigeons eating my kale", AnswerKind.Advice)]
    [InlineData("How can we prevent the pipes freezing?", AnswerKind.Advice)]
    [InlineData("how deep do u plant garlic cloves", AnswerKind.Quantity)]
    [InlineData("What did the town do?", AnswerKind.None)]
    [InlineData("Why does he think that matters?", AnswerKind.None)]
    [InlineData("What did LeCun praise? When did he do it?", AnswerKind.Date)]
    public void Of_Question_ReadsTheExpectedAnswerType(string question, AnswerKind expected)
    {
        Assert.Equal(expected, AnswerType.Of(question));
    }

    [Theory]
    [InlineData(AnswerKind.Quantity, "The festival raised forty-two thousand dollars for a new footbridge.", "forty-two thousand dollars")]
    [InlineData(AnswerKind.Quantity, "It cost $5.6 million to train.", "$5.6 million")]
    [InlineData(AnswerKind.Quantity, "About 2,048 GPUs were used.", "2,048 GPUs")]
    [InlineData(AnswerKind.Quantity, "Spain installed eight gigawatts of new solar panels in 2024.", "eight gigawatts")]
    [InlineData(AnswerKind.Date, "The crisis began in October 1973 and ended later.", "October 1973")]
    [InlineData(AnswerKind.Date, "It was held on 3 March.", "3 March")]
    [InlineData(AnswerKind.Advice, "Silicon Valley circles need to reflect, abandon their false sense of superiority, and embrace openness.", "need to reflect, abandon their false sense of superiority, and embrace openness")]
    [InlineData(AnswerKind.Advice, "Volunteers should sign up at the library; it opens at nine.", "should sign up at the library")]
    [InlineData(AnswerKind.Person, "In 1900 the mayor of Zorblax05 was Piet Aarons, a miller.", "Piet Aarons")]
    public void Find_SentenceWithAPhraseOfTheType_ReturnsThatPhrase(AnswerKind kind, string sentence, string expected)
    {
        var questionStems = new HashSet<string> { "mayor", "zorblax05", "1900" };

        var span = AnswerType.Find(kind, sentence, questionStems);

        Assert.NotNull(span);
        Assert.Equal(expected, sentence.Substring(span.Value.Start, span.Value.Length));
    }

    [Theory]
    [InlineData(AnswerKind.Quantity, "On February 1st, LeCun praised DeepSeek R1.")]
    [InlineData(AnswerKind.Date, "LeCun praised the model and its openness.")]
    [InlineData(AnswerKind.Quantity, "The town held its first festival on 3 March.")]
    [InlineData(AnswerKind.None, "The festival raised forty-two thousand dollars.")]
    [InlineData(AnswerKind.Advice, "A common issue in some Silicon Valley circles is a false sense of superiority.")]
    [InlineData(AnswerKind.Advice, "Wood pigeons can strip a row of kale in a single morning.")]
    [InlineData(AnswerKind.Person, "\"This is the moment our city starts living it.\"")]
    public void Find_SentenceWithoutThatType_ReturnsNull(AnswerKind kind, string sentence)
    {
        Assert.Null(AnswerType.Find(kind, sentence, NoQuestionWords));
    }
}
