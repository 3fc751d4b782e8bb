using ChatBot.Core.Model;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Ingestion.Chunking;

/// <summary>
/// Cuts an article into passages of whole sentences (about <see cref="ChunkingOptions.TargetWords"/> words),
/// repeating the last sentence(s) of one chunk at the start of the next, and keeps every sentence's offsets
/// so answers can quote exactly. A sentence longer than the maximum is cut at word boundaries.
/// </summary>
public sealed class Chunker(IOptions<ChunkingOptions> options)
{
    private readonly ChunkingOptions _options = options.Value;

    public IReadOnlyList<ChunkDraft> Chunk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SplitLongSentences(text, SentenceSplitter.Split(text));
        var chunks = new List<ChunkDraft>();
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            var words = sentences[first].Words;
            while (last + 1 < sentences.Count && words < _options.TargetWords && words + sentences[last + 1].Words <= _options.MaxWords)
            {
                last++;
                words += sentences[last].Words;
            }

            chunks.Add(Build(text, sentences, first, last, chunks.Count));
            if (last + 1 >= sentences.Count)
            {
                break;
            }

            // Overlap: the next chunk starts with the last sentence(s) of this one, but always moves forward.
            first = Math.Max(first + 1, last + 1 - _options.OverlapSentences);
        }

        return chunks;
    }

    private static ChunkDraft Build(string text, List<(TextSpan Span, int Words)> sentences, int first, int last, int ordinal)
    {
        var start = sentences[first].Span.Start;
        var end = sentences[last].Span.End;
        var spans = new List<TextSpan>(last - first + 1);
        for (var i = first; i <= last; i++)
        {
            spans.Add(sentences[i].Span with { Start = sentences[i].Span.Start - start });
        }

        return new ChunkDraft(ordinal, text[start..end], start, spans);
    }

    private List<(TextSpan Span, int Words)> SplitLongSentences(string text, IReadOnlyList<TextSpan> spans)
    {
        var result = new List<(TextSpan, int)>(spans.Count);
        foreach (var span in spans)
        {
            var words = CountWords(text, span);
            if (words <= _options.MaxWords)
            {
                result.Add((span, words));
                continue;
            }

            // A run-on "sentence" (a table, a list without full stops): cut it every TargetWords words.
            var pieceStart = span.Start;
            var count = 0;
            var inWord = false;
            for (var i = span.Start; i < span.End; i++)
            {
                var isSpace = char.IsWhiteSpace(text[i]);
                if (!isSpace && !inWord)
                {
                    if (count == _options.TargetWords)
                    {
                        result.Add((new TextSpan(pieceStart, TrimEnd(text, pieceStart, i) - pieceStart), count));
                        pieceStart = i;
                        count = 0;
                    }

                    count++;
                }

                inWord = !isSpace;
            }

            result.Add((new TextSpan(pieceStart, span.End - pieceStart), count));
        }

        return result;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    public static int CountWords(string text, TextSpan span)
    {
        var count = 0;
        var inWord = false;
        for (var i = span.Start; i < span.End; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }
}
