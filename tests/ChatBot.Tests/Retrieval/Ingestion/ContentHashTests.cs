using ChatBot.Retrieval.Ingestion;

namespace ChatBot.Tests.Retrieval.Ingestion;

public class ContentHashTests
{
    [Fact]
    public void Of_KnownText_IsSha256Hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("abc"));
    }

    [Fact]
    public void Of_DifferentText_Differs()
    {
        Assert.NotEqual(ContentHash.Of("an article"), ContentHash.Of("an article."));
    }
}
