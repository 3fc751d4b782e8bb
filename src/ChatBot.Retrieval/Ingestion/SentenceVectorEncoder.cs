using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Ingestion.Chunking;
using Microsoft.Extensions.AI;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// Encodes the sentences of chunks at ingest into their <see cref="SentenceVectors"/> (what the answer stage reads instead
/// of encoding its candidate sentences): every sentence span of each chunk, as <see cref="SentenceVectors.Input"/> reads it,
/// in one call with the texts ordered by length, so each model batch pads little.
/// </summary>
public sealed class SentenceVectorEncoder(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    /// <summary>One encoded <see cref="SentenceVectors"/> per chunk, in order (a chunk without sentences gets an empty set).</summary>
    public async Task<IReadOnlyList<byte[]>> EncodeAsync(IReadOnlyList<ChunkDraft> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var texts = new List<(int Chunk, int Sentence, string Text)>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            for (var s = 0; s < chunk.Sentences.Count; s++)
            {
                texts.Add((c, s, SentenceVectors.Input(chunk.Text, chunk.Sentences[s])));
            }
        }

        texts.Sort((a, b) => a.Text.Length.CompareTo(b.Text.Length));
        var vectors = chunks.Select(c => new ReadOnlyMemory<float>?[c.Sentences.Count]).ToArray();
        if (texts.Count > 0)
        {
            var generated = await embeddings.GenerateAsync(texts.Select(t => t.Text).ToList(), cancellationToken: cancellationToken);
            for (var i = 0; i < texts.Count; i++)
            {
                vectors[texts[i].Chunk][texts[i].Sentence] = generated[i].Vector;
            }
        }

        return vectors.Select(v => SentenceVectors.Encode(v)).ToList();
    }
}
