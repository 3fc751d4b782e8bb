using System.Collections.Concurrent;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Index;
using Microsoft.Extensions.AI;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The MiniLM cosine of the question to every candidate sentence, the signal the first stage ranks by: the vector
/// stored at ingest when the passage has one (int8, <see cref="Passage.SentenceCosine"/>), else, when <see cref="SearchOptions.EncodeMissingSentences"/>
/// is set (evaluation and training over an index written before sentence vectors were stored), the sentence encoded now
/// and rounded to int8 as a stored one is, each distinct text once per process. Otherwise null: the first stage then
/// reads the passage's cosine in its place and the second stage encodes its best few, as before.
/// </summary>
public sealed class SentenceCosines(IEmbeddingGenerator<string, Embedding<float>>? embeddings, bool encodeMissing)
{
    private const int MemoLimit = 200_000;

    private readonly ConcurrentDictionary<string, sbyte[]> _encoded = new(StringComparer.Ordinal);

    /// <summary>One cosine per candidate (null where none is stored and none may be encoded).</summary>
    public async Task<double?[]> OfAsync(IReadOnlyList<SentenceCandidate> candidates, ReadOnlyMemory<float> query, CancellationToken cancellationToken)
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
            cosines[i] = candidates[i].Passage.SentenceCosine(candidates[i].Span, query.Span);
            if (cosines[i] is null)
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0 && encodeMissing && embeddings is not null)
        {
            var texts = missing.Select(i => candidates[i].Text).Where(t => !_encoded.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
            if (texts.Count > 0)
            {
                var vectors = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
                for (var t = 0; t < texts.Count; t++)
                {
                    if (_encoded.Count < MemoLimit)
                    {
                        _encoded[texts[t]] = Codes(vectors[t].Vector.Span);
                    }
                }
            }

            foreach (var i in missing)
            {
                if (_encoded.TryGetValue(candidates[i].Text, out var codes))
                {
                    cosines[i] = SentenceVectors.Cosine(query.Span, codes);
                }
            }
        }

        return cosines;
    }

    /// <summary>The int8 codes of a vector, as a stored sentence vector holds them (<see cref="Int8Codes"/>).</summary>
    private static sbyte[] Codes(ReadOnlySpan<float> vector)
    {
        var codes = new sbyte[vector.Length];
        Int8Codes.Quantize(vector, codes);
        return codes;
    }
}
