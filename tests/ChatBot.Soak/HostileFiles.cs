using System.Text;

namespace ChatBot.Soak;

/// <summary>Files an attacker (or a broken export) could hand the file reader.</summary>
public static class HostileFiles
{
    internal const string Laughs = """
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        """;

    private const string Xxe = """
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY net SYSTEM "http://169.254.169.254/latest/meta-data/"> ]>
        """;

    /// <summary>Writes the hostile files; returns their paths. The 8 MB document is over the 4 MB Ingestion:MaxBytes the fuzz pass sets.</summary>
    public static IReadOnlyList<string> Write(string folder)
    {
        var files = new List<string>();
        void Add(string name, byte[] bytes)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, bytes);
            files.Add(path);
        }

        void AddText(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));

        AddText("billion-laughs.xml", "<?xml version=\"1.0\"?>\n" + Laughs + "\n<lolz>&lol9;</lolz>");
        AddText("external-entity.xml", "<?xml version=\"1.0\"?>\n" + Xxe + "\n<foo>&xxe;&net;</foo>");
        AddText("billion-laughs.html", Laughs + "\n<html><head><title>Laughs</title></head><body><article><p>&lol9; Some text about laughing at scale, long enough to be an article body.</p></article></body></html>");
        AddText("external-entity.html", Xxe + "\n<html><head><title>XXE</title></head><body><article><p>&xxe; &net; A paragraph that should not contain any file contents.</p></article></body></html>");
        var deep = new StringBuilder("<html><head><title>Deep</title></head><body>");
        for (var i = 0; i < 100_000; i++)
        {
            deep.Append("<div>");
        }

        deep.Append("<p>The bottom of a very deep document.</p>");
        for (var i = 0; i < 100_000; i++)
        {
            deep.Append("</div>");
        }

        AddText("deep-nesting.html", deep.Append("</body></html>").ToString());
        AddText("unclosed-tags.htm", string.Concat(Enumerable.Repeat("<table><tr><td><b><i><span>cell ", 20_000)));

        var random = new Random(9);
        var noise = new byte[64 * 1024];
        random.NextBytes(noise);
        Add("random-bytes.pdf", [.. "%PDF-1.7\n"u8.ToArray(), .. noise]);
        Add("empty.pdf", []);
        AddText("text-not-pdf.pdf", "This is plain text pretending to be a PDF.");
        AddText("truncated.pdf", MinimalPdf()[..200]);
        AddText("xref-loop.pdf", MinimalPdf().Replace("startxref\n0", "startxref\n9", StringComparison.Ordinal).Replace("/Root 1 0 R", "/Root 1 0 R /Prev 9", StringComparison.Ordinal));

        var large = new StringBuilder("A large document\n\n");
        while (large.Length < 8 * 1024 * 1024)
        {
            large.Append("The committee met again to discuss the harbour, the budget and the weather in great and repetitive detail. ");
        }

        AddText("large-8mb.txt", large.ToString());
        var binary = new byte[32 * 1024];
        random.NextBytes(binary);
        Add("binary-noise.txt", binary);
        AddText("one-line-256kb.md", new string('x', 256 * 1024));
        AddText("nul-and-bidi.md", "# Title\u0000\u202E\n\nText with NUL \u0000 and bidi \u202E override \uFFFE and more text to read.");
        return files;
    }

    private static string MinimalPdf() =>
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n" +
        "4 0 obj << /Length 44 >> stream\nBT /F1 24 Tf 100 700 Td (Hello PDF) Tj ET\nendstream endobj\n" +
        "trailer << /Root 1 0 R /Size 5 >>\nstartxref\n0\n%%EOF\n";
}
