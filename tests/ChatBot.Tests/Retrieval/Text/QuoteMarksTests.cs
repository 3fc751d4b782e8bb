using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Text;

public sealed class QuoteMarksTests
{
    [Theory]
    [InlineData("This is the power of open-source research and technology.\"", "This is the power of open-source research and technology.")]
    [InlineData("This is the power of open-source research and technology.”", "This is the power of open-source research and technology.")]
    [InlineData("He praised, \"They came up with new ideas.", "He praised, \"They came up with new ideas.\"")]
    [InlineData("He praised, “They came up with new ideas.", "He praised, “They came up with new ideas.”")]
    [InlineData("He said “yes” and left.", "He said “yes” and left.")]
    [InlineData("He said \"yes\" and left.", "He said \"yes\" and left.")]
    [InlineData("It is not a trade-off, it is a bonus,\" said Dr Lena Andersen, who led the study.", "It is not a trade-off, it is a bonus, said Dr Lena Andersen, who led the study.")]
    [InlineData("\"We lose less water,\" she said. \"It is a bonus.", "\"We lose less water,\" she said. \"It is a bonus.\"")]
    public void Balance_DanglingQuoteMarks_AreDroppedOrClosed(string sentence, string expected)
    {
        Assert.Equal(expected, QuoteMarks.Balance(sentence));
    }
}
