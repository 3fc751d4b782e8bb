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
    public void Balance_DanglingQuoteMarks_AreDroppedOrClosed(string sentence, string expected)
    {
        Assert.Equal(expected, QuoteMarks.Balance(sentence));
    }
}
