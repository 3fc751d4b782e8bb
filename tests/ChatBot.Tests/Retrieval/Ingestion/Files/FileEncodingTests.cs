using System.Text;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Files;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval.Ingestion.Files;

/// <summary>Files in the encodings people have on disk: UTF-8 (with or without a BOM), old Windows/Latin-1 text, HTML declaring its charset.</summary>
public sealed class FileEncodingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-encoding-").FullName;
    private readonly FileArticleReader _reader = new(Options.Create(new IngestionOptions()));

    static FileEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReadAsync_Windows1252TextFile_ReadsTheAccents()
    {
        var path = Write("cafe.txt", Encoding.GetEncoding(1252).GetBytes("Café prices\n\nA café au lait costs €3 in the old town. It is the best in the city."));

        var draft = await _reader.ReadAsync(path, "test:cafe", CancellationToken.None);

        Assert.Equal("Café prices", draft.Title);
        Assert.Contains("A café au lait costs €3 in the old town.", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', draft.Text);
    }

    [Fact]
    public async Task ReadAsync_HtmlFileDeclaringWindows1252_ReadsTheAccents()
    {
        var html = "<html><head><meta charset=\"windows-1252\"><title>Crème brûlée</title></head><body><article><p>"
            + string.Concat(Enumerable.Repeat("The crème brûlée at the café costs €7 and is served warm. ", 8)) + "</p></article></body></html>";
        var path = Write("creme.html", Encoding.GetEncoding(1252).GetBytes(html));

        var draft = await _reader.ReadAsync(path, "test:creme", CancellationToken.None);

        Assert.Equal("Crème brûlée", draft.Title);
        Assert.Contains("The crème brûlée at the café costs €7", draft.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_Utf8TextFile_StaysUtf8(bool bom)
    {
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes("Zürich notes\n\nThe Grossmünster costs nothing to enter; the tower costs 5 francs.")).ToArray();
        var path = Write("zurich.txt", bytes);

        var draft = await _reader.ReadAsync(path, "test:zurich", CancellationToken.None);

        Assert.Equal("Zürich notes", draft.Title);
        Assert.Contains("The Grossmünster costs nothing to enter", draft.Text, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
