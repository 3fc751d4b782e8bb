using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Embeddings;

/// <summary>
/// The MiniLM vectors of a chunk's sentences, stored at ingest beside the chunk (one BLOB / <c>bytea</c> per chunk, read
/// only for the passages an answer is built from), so the answer stage reads a sentence's cosine to the question instead
/// of encoding the sentence. Each vector is int8 with its own scale (<see cref="Int8Codes"/>): 4 + 384 bytes a sentence.
/// <para>
/// Layout: a format byte (1), the dimensions (uint16, little-endian), then per sentence of the chunk, in span order, its
/// scale (float32, little-endian) and its codes. A scale of 0 marks a sentence without a vector. The cosine of a question
/// to a sentence is <see cref="Cosine(ReadOnlySpan{float}, ReadOnlySpan{sbyte})"/> of the codes (the scale cancels), and
/// <see cref="Int8Cosine"/> gives the same figure for a vector encoded just now, so training, fallback and stored agree.
/// </para>
/// </summary>
public sealed class SentenceVectors
{
    private const byte Format = 1;
    private const int HeaderBytes = 3;

    private readonly byte[] _encoded;
    private readonly TextSpan[] _spans;
    private readonly int _dimensions;

    private SentenceVectors(byte[] encoded, TextSpan[] spans, int dimensions)
    {
        _encoded = encoded;
        _spans = spans;
        _dimensions = dimensions;
    }

    /// <summary>Sentences (the chunk's spans as stored), with or without a vector.</summary>
    public int Count => _spans.Length;

    /// <summary>The stored bytes (copying a chunk's vectors with it, as the benchmark's synthetic corpus does).</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>What a sentence's vector encodes: its text with white space folded and quote marks balanced (the answer's candidate text).</summary>
    public static string Input(string chunkText, TextSpan span) => QuoteMarks.Balance(SentenceSplitter.Text(chunkText, span));

    /// <summary>Packs one vector per sentence (null: none for that sentence); every vector has the same dimensions.</summary>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<float>?> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var dimensions = vectors.FirstOrDefault(v => v is not null)?.Length ?? 0;
        var stride = sizeof(float) + dimensions;
        var encoded = new byte[HeaderBytes + (vectors.Count * stride)];
        encoded[0] = Format;
        BinaryPrimitives.WriteUInt16LittleEndian(encoded.AsSpan(1), checked((ushort)dimensions));
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i] is not { } vector)
            {
                continue;
            }

            if (vector.Length != dimensions)
            {
                throw new ArgumentException($"Sentence {i} has {vector.Length} dimensions, the first {dimensions}.", nameof(vectors));
            }

            var at = HeaderBytes + (i * stride);
            var scale = Int8Codes.Quantize(vector.Span, MemoryMarshal.Cast<byte, sbyte>(encoded.AsSpan(at + sizeof(float), dimensions)));
            BinaryPrimitives.WriteSingleLittleEndian(encoded.AsSpan(at), scale);
        }

        return encoded;
    }

    /// <summary>
    /// The stored vectors of a chunk with these sentence spans; null when there are none (rows written before sentence
    /// vectors were stored and not backfilled yet) or they do not fit the spans (another format, another sentence count).
    /// </summary>
    public static SentenceVectors? Decode(byte[]? encoded, IReadOnlyList<TextSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (encoded is null || encoded.Length < HeaderBytes || encoded[0] != Format)
        {
            return null;
        }

        var dimensions = BinaryPrimitives.ReadUInt16LittleEndian(encoded.AsSpan(1));
        return encoded.Length == HeaderBytes + (spans.Count * (sizeof(float) + dimensions))
            ? new SentenceVectors(encoded, [.. spans], dimensions)
            : null;
    }

    /// <summary>The cosine of <paramref name="query"/> to the sentence with this span (as the chunk stored it); null when it has no vector.</summary>
    public float? Cosine(TextSpan span, ReadOnlySpan<float> query)
    {
        var index = Array.IndexOf(_spans, span);
        return index < 0 ? null : Cosine(index, query);
    }

    /// <summary>The cosine of <paramref name="query"/> to the chunk's sentence <paramref name="sentence"/>; null when it has no vector.</summary>
    public float? Cosine(int sentence, ReadOnlySpan<float> query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sentence, _spans.Length);
        if (query.Length != _dimensions)
        {
            return null;
        }

        var at = HeaderBytes + (sentence * (sizeof(float) + _dimensions));
        return BinaryPrimitives.ReadSingleLittleEndian(_encoded.AsSpan(at)) == 0
            ? null
            : Cosine(query, MemoryMarshal.Cast<byte, sbyte>(_encoded.AsSpan(at + sizeof(float), _dimensions)));
    }

    /// <summary>The cosine of <paramref name="query"/> to <paramref name="sentence"/> rounded to int8 as it is stored: what a stored vector gives.</summary>
    public static float Int8Cosine(ReadOnlySpan<float> query, ReadOnlySpan<float> sentence)
    {
        Span<sbyte> codes = sentence.Length <= 1024 ? stackalloc sbyte[sentence.Length] : new sbyte[sentence.Length];
        return Int8Codes.Quantize(sentence, codes) == 0 ? 0 : Cosine(query, codes);
    }

    /// <summary>The cosine of a float vector to int8 codes (the codes' scale cancels).</summary>
    public static float Cosine(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> codes)
    {
        if (query.Length != codes.Length)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions, the codes {codes.Length}.", nameof(codes));
        }

        Span<float> decoded = codes.Length <= 1024 ? stackalloc float[codes.Length] : new float[codes.Length];
        TensorPrimitives.ConvertChecked<sbyte, float>(codes, decoded);
        var norms = TensorPrimitives.Norm(query) * TensorPrimitives.Norm(decoded);
        return norms == 0 ? 0 : TensorPrimitives.Dot(query, decoded) / norms;
    }
}
