using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval;

public class SentenceSplitterTests
{
    private static List<string> Split(string text) =>
        SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

    [Fact]
    public void Split_AbbreviationsInitialsAndDecimals_DoNotEndSentences()
    {
        var sentences = Split("Dr. Smith met J. R. Tolkien in the U.S. on a Monday. The rate rose 3.5 percent! Why? Nobody knows.");

        Assert.Equal(
            ["Dr. Smith met J. R. Tolkien in the U.S. on a Monday.", "The rate rose 3.5 percent!", "Why?", "Nobody knows."],
            sentences);
    }

    [Fact]
    public void Split_LineBreaks_SeparateHeadingsFromText()
    {
        var sentences = Split("A Heading\nThe first sentence. The second one.");

        Assert.Equal(["A Heading", "The first sentence.", "The second one."], sentences);
    }

    [Fact]
    public void Split_QuoteAfterFullStop_StaysWithItsSentence()
    {
        var sentences = Split("He said, \"It works.\" Then he left.");

        Assert.Equal(["He said, \"It works.\"", "Then he left."], sentences);
    }
}
