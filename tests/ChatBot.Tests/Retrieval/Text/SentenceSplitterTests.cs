using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Text;

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

    private static List<string> Sentences(string text) =>
        SentenceSplitter.Split(text).Select(s => SentenceSplitter.Text(text, s)).ToList();

    [Fact]
    public void Split_HardWrappedParagraph_JoinsTheLinesIntoSentences()
    {
        var text = "In this paper, we release, describe, and analyze an OIE corpus called OPIEC, which was\nextracted from the full text of Wikipedia. It is the largest corpus of its kind\nand is freely available.";

        Assert.Equal(
            ["In this paper, we release, describe, and analyze an OIE corpus called OPIEC, which was extracted from the full text of Wikipedia.", "It is the largest corpus of its kind and is freely available."],
            Sentences(text));
    }

    [Fact]
    public void Split_WrappedLineWhoseSentenceStartedMidLine_RunsOnIntoTheNextLine()
    {
        var text = "The move of the whole team will take place over\nthe weekend of 12 and 13 December. Packing crates will arrive on Wednesday\n9 December, and every desk must be packed by Friday. Parking is limited, so take\nThe tram.";

        Assert.Equal(
            ["The move of the whole team will take place over the weekend of 12 and 13 December.", "Packing crates will arrive on Wednesday 9 December, and every desk must be packed by Friday.", "Parking is limited, so take The tram."],
            Sentences(text));
    }

    [Fact]
    public void Split_IndentedShortLine_IsStillAHeading()
    {
        Assert.Equal(["Results", "All runs passed."], Sentences("\n   Results\nAll runs passed."));
    }

    [Fact]
    public void Split_BlankLineHeadingAndListItems_StillSeparate()
    {
        var text = "Praise for China’s DeepSeek R1 Model\nRecently, LeCun praised the model.\n\nThe steps are\n- install the package\n- run the tests\n1. First item\n2) Second item";

        Assert.Equal(
            ["Praise for China’s DeepSeek R1 Model", "Recently, LeCun praised the model.", "The steps are", "- install the package", "- run the tests", "1. First item", "2) Second item"],
            Sentences(text));
    }

    [Fact]
    public void Split_LongTitleCaseLineWithoutPunctuation_IsAHeadingNotAWrap()
    {
        var text = "Yann LeCun Points Out Problems in Silicon Valley Circles\nOn February 1st, LeCun posted on LinkedIn.";

        Assert.Equal(["Yann LeCun Points Out Problems in Silicon Valley Circles", "On February 1st, LeCun posted on LinkedIn."], Sentences(text));
    }

    [Fact]
    public void Split_MarkdownHeading_StandsAlone()
    {
        Assert.Equal(["# Results of the long running experiment on wrapped lines", "All runs passed."], Sentences("# Results of the long running experiment on wrapped lines\nAll runs passed."));
    }

    [Fact]
    public void Split_StrayClosingQuoteAfterASentence_StaysWithThatSentence()
    {
        var text = "He praised, \"This is the power of open-source research and technology.\" ”\nConclusion";

        var sentences = Sentences(text);

        Assert.Equal("He praised, \"This is the power of open-source research and technology.\" ”", sentences[0]);
        Assert.Equal("Conclusion", sentences[1]);
    }
}
