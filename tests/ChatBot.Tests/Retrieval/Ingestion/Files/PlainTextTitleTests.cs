using ChatBot.Retrieval.Ingestion.Files;

namespace ChatBot.Tests.Retrieval.Ingestion.Files;

/// <summary>The title of a .txt: its first short line, or a saved e-mail's Subject.</summary>
public sealed class PlainTextTitleTests
{
    [Fact]
    public void ReadPlain_SavedEmail_TitledBySubjectWithoutTheHeaders()
    {
        const string email = """
            From: Daniel Okafor <d.okafor@example.com>
            To: Facilities team <facilities@example.com>
            Date: Tue, 1 Dec 2026 08:47:12 +0000
            Subject: Office move to the Riverside building - final plan

            Hi all,

            The move will now take place over the weekend of 12 and 13 December
            rather than the 5th.
            """;

        var draft = FileArticleReader.ReadPlain(email, "test:email", "email");

        Assert.Equal("Office move to the Riverside building - final plan", draft.Title);
        Assert.StartsWith("Hi all,", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("d.okafor@example.com", draft.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Solar news\n\nPanels got cheaper again this year.", "Solar news")]
    [InlineData("From: the archive of the harbour office\n\nShips came in every morning.", "From: the archive of the harbour office")]
    [InlineData("To: do list\nDate: today\n\nBuy milk.", "To: do list")]
    public void ReadPlain_NotAnEmail_FirstLineIsTheTitle(string text, string title)
    {
        Assert.Equal(title, FileArticleReader.ReadPlain(text, "test:t", "fallback").Title);
    }
}
