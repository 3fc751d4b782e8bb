using System.Text;
using ChatBot.Retrieval.Ingestion.Files;

namespace ChatBot.Tests.Retrieval.Ingestion.Files;

public sealed class FileContentSnifferTests
{
    [Theory]
    [InlineData(".txt")]
    [InlineData(".md")]
    [InlineData(".html")]
    public void Problem_PlainUtf8Text_IsNone(string extension) =>
        Assert.Null(FileContentSniffer.Problem(Encoding.UTF8.GetBytes("Café – “quoted” text\r\n\tindented, emoji 🐝\n"), extension));

    [Fact]
    public void Problem_Utf16WithByteOrderMark_IsText() =>
        Assert.Null(FileContentSniffer.Problem(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Hello bees")).ToArray(), ".txt"));

    [Fact]
    public void Problem_Latin1WithAFewAccents_IsStillText() =>
        Assert.Null(FileContentSniffer.Problem(Encoding.Latin1.GetBytes("Le café de la gare est ouvert jusqu'à minuit, même le dimanche."), ".txt"));

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, "an ELF executable")]
    [InlineData(new byte[] { 0x50, 0x4B, 3, 4, 20, 0 }, "a ZIP archive")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 13, 10 }, "a PNG image")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "a PDF document")]
    public void Problem_KnownBinaryFormatAsText_NamesIt(byte[] bytes, string format) =>
        Assert.StartsWith("not text: it looks like " + format, FileContentSniffer.Problem(bytes, ".txt"), StringComparison.Ordinal);

    [Fact]
    public void Problem_NulBytes_IsBinary() =>
        Assert.Equal("not text: it holds NUL bytes (binary data)", FileContentSniffer.Problem("abc\0def"u8, ".md"));

    [Fact]
    public void Problem_MostlyInvalidUtf8_IsBinary()
    {
        var bytes = Enumerable.Range(0, 400).Select(i => (byte)(0x80 + (i * 7 % 0x7F))).ToArray();

        Assert.Contains("not valid UTF-8", FileContentSniffer.Problem(bytes, ".txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ControlCharacters_IsBinary() =>
        Assert.Contains("control characters", FileContentSniffer.Problem(Enumerable.Repeat((byte)0x01, 50).Concat("text"u8.ToArray()).ToArray(), ".txt"), StringComparison.Ordinal);

    [Fact]
    public void Problem_PdfWithHeader_IsNone() =>
        Assert.Null(FileContentSniffer.Problem("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"u8, ".pdf"));

    [Fact]
    public void Problem_TextNamedPdf_SaysItIsNotAPdf() =>
        Assert.Equal("not a PDF: it looks like plain text", FileContentSniffer.Problem("just words"u8, ".PDF"));

    [Fact]
    public void Problem_ZipNamedPdf_NamesTheRealFormat() =>
        Assert.Equal("not a PDF: it looks like a ZIP archive (e.g. .docx, .odt, .epub, .jar)", FileContentSniffer.Problem(new byte[] { 0x50, 0x4B, 3, 4 }, ".pdf"));
}
