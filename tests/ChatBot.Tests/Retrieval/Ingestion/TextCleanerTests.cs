using ChatBot.Retrieval.Ingestion;

namespace ChatBot.Tests.Retrieval.Ingestion;

public sealed class TextCleanerTests
{
    [Fact]
    public void Clean_NulBidiAndNoncharacters_RemovedInsteadOfThrowing()
    {
        var cleaned = TextCleaner.Clean("# Title\u0000\u202E\n\nText with NUL \u0000 and \uFFFE and \uFDD0 and \U0010FFFF more.");

        Assert.Equal("# Title\u202E\n\nText with NUL and and and more.", cleaned);
    }

    [Fact]
    public void Clean_LoneSurrogates_RemovedAndPairsKept()
    {
        var cleaned = TextCleaner.Clean("a\uD800b \uDC00c 😀 d");

        Assert.Equal("ab c 😀 d", cleaned);
    }

    [Fact]
    public void Clean_DecomposedAccents_ComposedAndSpacesCollapsed()
    {
        Assert.Equal("café au lait", TextCleaner.Clean("cafe\u0301   au\tlait\r\n"));
    }
}
