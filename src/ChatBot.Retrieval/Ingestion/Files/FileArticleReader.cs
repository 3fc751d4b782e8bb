using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace ChatBot.Retrieval.Ingestion.Files;

/// <summary>Reads an article from a file: .txt, .md, .html/.htm (article extraction) and .pdf.</summary>
public sealed partial class FileArticleReader(IOptions<IngestionOptions> options)
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".markdown", ".html", ".htm", ".pdf",
    };

    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Reads and extracts the file. <paramref name="source"/> is the article's key in the store.</summary>
    /// <exception cref="IngestionException">Missing, unreadable, too large, unsupported or empty.</exception>
    public async Task<ArticleDraft> ReadAsync(string path, string source, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IngestionException("no such file");
        }

        if (!IsSupported(path))
        {
            throw new IngestionException($"unsupported file type '{info.Extension}' (supported: {string.Join(", ", Extensions)})");
        }

        if (info.Length > options.Value.MaxBytes)
        {
            throw new IngestionException($"{info.Length:N0} bytes, over the {options.Value.MaxBytes:N0}-byte limit (Ingestion:MaxBytes)");
        }

        try
        {
            if (await FileContentSniffer.ProblemAsync(path, info.Extension, cancellationToken) is { } problem)
            {
                throw new IngestionException($"{info.Name} is {problem}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IngestionException("cannot read it: " + ex.Message, ex);
        }

        var fallbackTitle = Path.GetFileNameWithoutExtension(path);
        ArticleDraft draft;
        try
        {
            draft = info.Extension.ToLowerInvariant() switch
            {
                ".pdf" => ReadPdf(path, source, fallbackTitle),
                ".html" or ".htm" => HtmlArticleExtractor.Extract(await ReadTextAsync(path, html: true, cancellationToken), new Uri(info.FullName).AbsoluteUri, source, fallbackTitle),
                ".md" or ".markdown" => ReadMarkdown(await ReadTextAsync(path, html: false, cancellationToken), source, fallbackTitle),
                _ => ReadPlain(await ReadTextAsync(path, html: false, cancellationToken), source, fallbackTitle),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new IngestionException("cannot read it: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is not IngestionException and not OperationCanceledException)
        {
            throw new IngestionException($"cannot extract text from {info.Name}: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(draft.Text))
        {
            throw new IngestionException($"{info.Name} holds no text");
        }

        return draft;
    }

    private static async Task<string> ReadTextAsync(string path, bool html, CancellationToken cancellationToken) =>
        TextDecoding.Decode(await File.ReadAllBytesAsync(path, cancellationToken), null, html);

    /// <summary>Plain text: the first line is the title when it is short and more text follows.</summary>
    public static ArticleDraft ReadPlain(string raw, string source, string fallbackTitle)
    {
        var text = TextCleaner.Clean(raw);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = newline < 0 ? text : text[..newline].Trim();
        var title = newline > 0 && firstLine.Length is > 0 and <= 200 ? firstLine : fallbackTitle;
        return new ArticleDraft(source, title, text);
    }

    public static ArticleDraft ReadMarkdown(string raw, string source, string fallbackTitle)
    {
        var text = TextCleaner.Clean(raw);
        var title = fallbackTitle;
        var heading = MarkdownHeading().Match(text);
        if (heading.Success)
        {
            title = heading.Groups[1].Value.Trim();
        }

        text = MarkdownImage().Replace(text, "$1");
        text = MarkdownLink().Replace(text, "$1");
        text = MarkdownHeadingMarks().Replace(text, string.Empty);
        text = MarkdownEmphasis().Replace(text, "$2");
        text = MarkdownListMark().Replace(text, string.Empty);
        return new ArticleDraft(source, title, TextCleaner.Clean(text));
    }

    private static ArticleDraft ReadPdf(string path, string source, string fallbackTitle)
    {
        using var document = PdfDocument.Open(path);
        var builder = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            // Words, not page.Text: page.Text glues words together. A new line where the baseline moves.
            double? lastBaseline = null;
            foreach (var word in page.GetWords())
            {
                var baseline = word.BoundingBox.Bottom;
                if (lastBaseline is double previous && Math.Abs(previous - baseline) > word.BoundingBox.Height * 0.8)
                {
                    builder.Append('\n');
                }
                else if (lastBaseline is not null)
                {
                    builder.Append(' ');
                }

                builder.Append(word.Text);
                lastBaseline = baseline;
            }

            builder.Append("\n\n");
        }

        var title = document.Information.Title;
        var text = JoinWrappedLines(TextCleaner.Clean(builder.ToString()));
        return new ArticleDraft(source, string.IsNullOrWhiteSpace(title) ? fallbackTitle : title.Trim(), text, Author: document.Information.Author);
    }

    /// <summary>PDF lines wrap mid-sentence: join a line to the next unless it ends a sentence or a paragraph.</summary>
    private static string JoinWrappedLines(string text) => WrappedLine().Replace(text, "$1 ");

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^#{1,6}\s+", RegexOptions.Multiline)]
    private static partial Regex MarkdownHeadingMarks();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")]
    private static partial Regex MarkdownEmphasis();

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+", RegexOptions.Multiline)]
    private static partial Regex MarkdownListMark();

    [GeneratedRegex(@"([^.!?:\n])\n(?=[a-z])")]
    private static partial Regex WrappedLine();
}
