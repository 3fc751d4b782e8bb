using System.Collections.Concurrent;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Index;
using Microsoft.Extensions.AI;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The one place that gives a candidate sentence its MiniLM cosine to the question: the one it already has, else the
/// vector stored at ingest (int8, <see cref="Passage.SentenceCosine"/>), else — only when asked to encode — the sentence
/// encoded now, in one batch, and rounded to int8 as a stored one is, so a stored and an encoded vector give the same
/// figure. Encoding is asked for by the answerer for its best few (<c>encodeNow</c>, the second stage at ask time) and,
/// when <see cref="SearchOptions.EncodeMissingSentences"/> is set (evaluation and training over an index written before
/// sentence vectors were stored), for every candidate; the latter memoises each distinct text once per process.
/// Otherwise null: the first stage then reads the passage's cosine in its place.
/// </summary>
public sealed class SentenceCosines(IEmbeddingGenerator<string, Embedding<float>>? embeddings, bool encodeMissing)
{
    private const int MemoLimit = 200_000;

    private readonly ConcurrentDictionary<string, sbyte[]> _encoded = new(StringComparer.Ordinal);

    /// <summary>One cosine per candidate (null where none is known or stored and none may be encoded).</summary>
    public async Task<double?[]> OfAsync(IReadOnlyList<SentenceCandidate> candidates, ReadOnlyMemory<float> query, CancellationToken cancellationToken, bool encodeNow = false)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var cosines = new double?[candidates.Count];
        if (query.IsEmpty)
        {
            return cosines;
        }

        var missing = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            cosines[i] = candidates[i].SentenceCosine ?? candidates[i].Passage.SentenceCosine(candidates[i].Span, query.Span);
            if (cosines[i] is null)
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0 || !(encodeMissing || encodeNow) || embeddings is null)
        {
            return cosines;
        }

        var codes = new Dictionary<string, sbyte[]>(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var text in missing.Select(i => candidates[i].Text).Distinct(StringComparer.Ordinal))
        {
            if (_encoded.TryGetValue(text, out var known))
            {
                codes[text] = known;
            }
            else
            {
                texts.Add(text);
            }
        }

        if (texts.Count > 0)
        {
            var vectors = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
            for (var t = 0; t < texts.Count; t++)
            {
                codes[texts[t]] = Codes(vectors[t].Vector.Span);
                if (encodeMissing && _encoded.Count < MemoLimit)
                {
                    _encoded[texts[t]] = codes[texts[t]];
                }
            }
        }

        foreach (var i in missing)
        {
            var sentence = codes[candidates[i].Text];
            cosines[i] = sentence.Length == 0 ? 0 : SentenceVectors.Cosine(query.Span, sentence);
        }

        return cosines;
    }

    /// <summary>The int8 codes of a vector, as a stored sentence vector holds them (<see cref="Int8Codes"/>); none for a zero vector (cosine 0).</summary>
    private static sbyte[] Codes(ReadOnlySpan<float> vector)
    {
        var codes = new sbyte[vector.Length];
        return Int8Codes.Quantize(vector, codes) == 0 ? [] : codes;
    }
}
