using ChatBot.Retrieval.Answers.Llm;

namespace ChatBot.Tests.Retrieval.Answers.Llm;

public sealed class CitationCheckerTests
{
    [Fact]
    public void Check_ValidCitations_RenumberedByArticleInOrderOfAppearance()
    {
        // Passages 1 and 3 are the same article (10); passage 2 is article 20.
        var result = CitationChecker.Check("Wind grew [2]. Solar grew [3]. Both matter [1][2].", [10, 20, 10]);

        Assert.Equal("Wind grew [1]. Solar grew [2]. Both matter [2][1].", result.Text);
        Assert.Equal([2, 3], result.CitedPassages);
        Assert.Equal(0, result.Removed);
    }

    [Fact]
    public void Check_CitationOfPassageNotGiven_IsRemovedAndCounted()
    {
        var result = CitationChecker.Check("Solar grew [1]. Prices fell [7].", [10, 20, 30]);

        Assert.Equal("Solar grew [1]. Prices fell.", result.Text);
        Assert.Equal(1, result.Removed);
        Assert.True(result.HasCitations);
    }

    [Fact]
    public void Check_OnlyInvalidCitations_HasNoCitations()
    {
        var result = CitationChecker.Check("Prices fell [7] [0].", [10, 20, 30]);

        Assert.False(result.HasCitations);
        Assert.Equal(2, result.Removed);
        Assert.Equal("Prices fell.", result.Text);
    }

    [Fact]
    public void Check_CommaListAndRepeats_SplitAndCollapsed()
    {
        var result = CitationChecker.Check("Solar grew [1, 2] [1].", [10, 20]);

        Assert.Equal("Solar grew [1][2][1].", result.Text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("Solargrew", "Solar grew ", StringComparison.Ordinal));
        Assert.Equal([1, 2], result.CitedPassages);
    }

    [Fact]
    public void Check_NoMarkers_HasNoCitations()
    {
        var result = CitationChecker.Check("The sky is blue.", [10]);

        Assert.False(result.HasCitations);
        Assert.Equal("The sky is blue.", result.Text);
    }
}
