namespace ChatBot.Core.Model;

/// <summary>A passage of an article, cut on sentence boundaries.</summary>
/// <param name="Ordinal">Position of the chunk within its article (0-based).</param>
/// <param name="Start">Offset of the chunk's first character in the article text.</param>
/// <param name="Sentences">Each sentence's span, relative to <see cref="Text"/>.</param>
public sealed record Chunk(
    long Id,
    long ArticleId,
    int Ordinal,
    string Text,
    int Start,
    IReadOnlyList<TextSpan> Sentences);

/// <summary>A half-open character range [Start, Start + Length).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}
