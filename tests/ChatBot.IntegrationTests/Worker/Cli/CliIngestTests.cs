using System.Text.Json;

namespace ChatBot.IntegrationTests.Worker.Cli;

/// <summary>What a user sees when ingesting bad inputs: one line per failure on stderr, documented exit codes.</summary>
public sealed class CliIngestTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string Data => Path.Combine(_root.Path, "data");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task BinaryNamedTxt_IsRefusedWithOneLine_AndNotIndexed()
    {
        var file = Path.Combine(_root.Path, "x.txt");
        await File.WriteAllBytesAsync(file, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0]);

        var (code, output, error) = await CliRunner.RunAsync(Data, "ingest", file);
        var articles = await CliRunner.RunAsync(Data, "articles", "--json");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal([$"error: {file}: x.txt is not text: it looks like an ELF executable"], Lines(error));
        using var json = JsonDocument.Parse(articles.Output);
        Assert.Single(json.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task TextNamedPdf_GetsOurMessage()
    {
        var file = Path.Combine(_root.Path, "y.pdf");
        await File.WriteAllTextAsync(file, "hello, I am not a PDF");

        var (code, _, error) = await CliRunner.RunAsync(Data, "ingest", file);

        Assert.Equal(1, code);
        Assert.Equal([$"error: {file}: y.pdf is not a PDF: it looks like plain text"], Lines(error));
    }

    [Fact]
    public async Task FileUrl_IsRefusedSayingSo()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "ingest", "file:///etc/passwd");

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(error));
        Assert.Contains("file:// URLs are not accepted", line, StringComparison.Ordinal);
        Assert.Contains("/etc/passwd", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MixedFolder_ReportsSkippedAndFailed_ExitsPartial()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.Path, "mixed")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "Bees\nHoneybees dance to show where flowers are.");
        await File.WriteAllTextAsync(Path.Combine(folder, "b.md"), "# Ants\nAnts follow trails of scent.");
        await File.WriteAllBytesAsync(Path.Combine(folder, "c.docx"), [(byte)'P', (byte)'K', 3, 4, 0, 0]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "d.txt"), [1, 0, 2, 0, 3, 0]);

        var (code, output, error) = await CliRunner.RunAsync(Data, "ingest", folder);

        Assert.Equal(4, code);
        Assert.Contains("2 added, 0 updated, 0 unchanged, 1 failed, 1 skipped", output, StringComparison.Ordinal);
        var problems = Lines(error).Where(l => !l.StartsWith('[')).ToList();
        Assert.Equal(
            [$"skipped: {Path.Combine(folder, "c.docx")}: unsupported file type '.docx'", $"error: {Path.Combine(folder, "d.txt")}: d.txt is not text: it holds NUL bytes (binary data)"],
            problems);
    }

    [Fact]
    public async Task OneFile_SaysOnePassage()
    {
        var file = Path.Combine(_root.Path, "bees.txt");
        await File.WriteAllTextAsync(file, "Bees\nHoneybees dance to show where flowers are.");

        var (code, output, _) = await CliRunner.RunAsync(Data, "ingest", file);

        Assert.Equal(0, code);
        Assert.Contains("(1 passage).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_LimitOffsetJson_Pages()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await File.WriteAllTextAsync(Path.Combine(_root.Path, name + ".txt"), $"Title {name}\nBody of article {name} about bees.");
            await CliRunner.RunAsync(Data, "ingest", Path.Combine(_root.Path, name + ".txt"));
        }

        var all = await CliRunner.RunAsync(Data, "articles", "--json", "--limit", "100");
        var page = await CliRunner.RunAsync(Data, "articles", "--json", "--limit", "2", "--offset", "1");
        var text = await CliRunner.RunAsync(Data, "articles", "--limit", "2", "--offset", "1");
        var bad = await CliRunner.RunAsync(Data, "articles", "--limit", "0");

        using var allJson = JsonDocument.Parse(all.Output);
        using var pageJson = JsonDocument.Parse(page.Output);
        var ids = allJson.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Skip(1).Take(2), pageJson.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        Assert.Contains("4 articles indexed; 2–3, newest first:", text.Output, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
