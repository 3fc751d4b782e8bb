using ChatBot.Retrieval.Text.Spelling;

namespace ChatBot.Tests.Retrieval.Text.Spelling;

public sealed class SpellingCorrectorTests
{
    private const string Seed = "On February 1st, Meta's Chief Scientist Yann LeCun posted on his LinkedIn account. "
        + "LeCun praised China's DeepSeek R1 model, stressing the importance of keeping AI models open-source. "
        + "The scientists said the organization would release its weights.";

    private static HashSet<string> Unknown(params string[] words) => new(words, StringComparer.Ordinal);

    [Theory]
    [InlineData("who is metas chief scientst", "scientst", "who is metas chief scientist")]
    [InlineData("who is metas cheif scientist", "cheif", "who is metas chief scientist")]
    [InlineData("what did lecun prased", "prased", "what did lecun praised")]
    [InlineData("what is the importnce of open source", "importnce", "what is the importance of open source")]
    [InlineData("what will the organizaton release", "organizaton", "what will the organization release")]
    public void Correct_OneTypoOfAPassageWord_ReadsThatWord(string question, string typo, string expected)
    {
        var corrected = SpellingCorrector.Correct(question, Unknown(typo), [Seed]);

        Assert.Equal(expected, corrected.Question);
        Assert.Single(corrected.Corrections);
        Assert.Equal(typo, corrected.Corrections[0].Typed);
    }

    [Fact]
    public void Correct_KeepsCapitalisationAndWhatFollowsAnApostrophe()
    {
        var corrected = SpellingCorrector.Correct("What did LeCun say about DeepSeak's model?", Unknown("deepseak"), [Seed]);

        Assert.Equal("What did LeCun say about Deepseek's model?", corrected.Question);
    }

    [Fact]
    public void Correct_TwoTyposInOneQuestion_ReadsBoth()
    {
        var corrected = SpellingCorrector.Correct("cheif scientst of meta", Unknown("cheif", "scientst"), [Seed]);

        Assert.Equal("chief scientist of meta", corrected.Question);
        Assert.Equal(2, corrected.Corrections.Count);
    }

    [Theory]
    [InlineData("Who was the mayor of Zorblax40 in 1900?", "zorblax40", "In 1900 the mayor of Zorblax00 was Piet Aarons.")]
    [InlineData("who is elon musk", "elon", "Elton John sang at the show.")]
    [InlineData("how many gpus did deepseek use", "gpus", "DeepSeek used thousands of chips on a bus.")]
    [InlineData("who is nehru", "nehru", "Gandhi was born in Porbandar in 1869.")]
    public void Correct_UnknownNameOrWordWithNothingNear_StaysAsTyped(string question, string unknown, string text)
    {
        // "elon musk": no known word gives the topic, so "elton" is not read; "gpus": nothing one edit away starts with g.
        var corrected = SpellingCorrector.Correct(question, Unknown(unknown, "musk"), [text]);

        Assert.Equal(question, corrected.Question);
        Assert.Empty(corrected.Corrections);
    }

    [Fact]
    public void Correct_NearWordOnlyInTextsOffTheQuestionsTopic_IsNotRead()
    {
        var corrected = SpellingCorrector.Correct("who is jonh of the festival", Unknown("jonh"), ["John sang at the show.", "The festival raised money."]);

        Assert.Equal("who is jonh of the festival", corrected.Question);
        Assert.Equal("who is john of the festival", SpellingCorrector.Correct("who is jonh of the festival", Unknown("jonh"), ["John sang at the festival."]).Question);
    }

    [Fact]
    public void Correct_WordsTheLibraryHolds_AreNeverTouchedEvenWhenRareAndNearAnother()
    {
        // "scientist" and "scientists" are both known: only the unknown words are candidates for correction.
        var corrected = SpellingCorrector.Correct("what did the scientist say", Unknown(), [Seed]);

        Assert.Equal("what did the scientist say", corrected.Question);
        Assert.False(SpellingCorrector.MayCorrect("what did the scientist say", Unknown()));
    }

    [Theory]
    [InlineData("sya", "say")]                // under four letters
    [InlineData("r2", "r1")]                  // digits
    [InlineData("zorblax4", "zorblax0")]      // digits
    [InlineData("pismark", "bismarck")]       // another first letter
    [InlineData("chif", "chiefs")]            // two edits for a short word
    [InlineData("scntst", "scientist")]       // three edits
    public void IsWithinReach_FarOrUnsafe_IsFalse(string typed, string known)
    {
        Assert.False(SpellingCorrector.IsWithinReach(typed, known));
    }

    [Theory]
    [InlineData("cheif", "chief")]            // a swap of neighbours is one edit
    [InlineData("scientst", "scientist")]
    [InlineData("ghandi", "gandhi")]          // two edits from six letters on
    [InlineData("bismark", "bismarck")]
    [InlineData("meta", "meta")]              // a word is within reach of itself
    public void IsWithinReach_OneTypo_IsTrue(string typed, string known)
    {
        Assert.True(SpellingCorrector.IsWithinReach(typed, known));
    }

    [Fact]
    public void Correct_NeverReadsATypoAsAStopWordOrANumber()
    {
        var corrected = SpellingCorrector.Correct("people musk 19000 wiht", Unknown("musk", "wiht"), ["They must go with 1900 people."]);

        Assert.Equal("people musk 19000 wiht", corrected.Question);
    }

    [Fact]
    public void Correct_TiesGoToTheMoreFrequentWord()
    {
        var corrected = SpellingCorrector.Correct("which modes were trained", Unknown("modes"), ["The model was trained.", "A trained model.", "The modem was trained.", "A model nobody used."]);

        Assert.Equal("which model were trained", corrected.Question);
    }
}
