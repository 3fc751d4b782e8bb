using ChatBot.Retrieval.Evaluation;
using Microsoft.Extensions.AI;

namespace ChatBot.Benchmarks;

/// <summary>
/// The real vectors the vector-index micro-bench grows from, embedded with MiniLM once and kept in a cache file: about
/// 150 SciFact abstracts and SQuAD paragraphs up to <c>count</c> (title + text, as ingest embeds chunks), SQuAD questions
/// about those paragraphs' articles, and SciFact's test claims.
/// </summary>
public sealed record VectorBasis(IReadOnlyList<float[]> Chunks, IReadOnlyList<float[]> SquadQuestions, IReadOnlyList<float[]> Claims)
{
    private sealed record Passage(
        [property: System.Text.Json.Serialization.JsonPropertyName("title")] string? Title,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("article_id")] string? ArticleId);

    public static async Task<VectorBasis?> ReadAsync(string cache)
    {
        if (!File.Exists(cache))
        {
            return null;
        }

        await using var stream = File.OpenRead(cache);
        using var reader = new BinaryReader(stream);
        return new VectorBasis(ReadList(reader), ReadList(reader), ReadList(reader));
    }

    public static async Task<VectorBasis> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embeddings, string squad, string scifact, int count, int questions, string cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var abstracts = (await EvalFiles.ReadJsonLinesAsync<EvalDocument>(Path.Combine(scifact, "corpus.jsonl"), cancellationToken)).Take(150)
            .Select(d => d.Title + "\n" + string.Join(' ', d.Text.Split(' ').Take(200)));
        var paragraphs = (await EvalFiles.ReadJsonLinesAsync<Passage>(Path.Combine(squad, "passages.jsonl"), cancellationToken)).Take(Math.Max(0, count - 150)).ToList();
        var articles = paragraphs.Select(p => p.ArticleId).ToHashSet(StringComparer.Ordinal);
        var asked = (await EvalFiles.ReadJsonLinesAsync<SquadQuestion>(Path.Combine(squad, "questions.jsonl"), cancellationToken))
            .Where(q => articles.Contains(q.ArticleId)).OrderBy(q => q.Question.GetHashCode(StringComparison.Ordinal)).Take(questions).Select(q => q.Question);
        var claims = (await EvalFiles.ReadJsonLinesAsync<SquadQuestion>(Path.Combine(scifact, "queries_test.jsonl"), cancellationToken)).Select(c => c.Question);
        var basis = new VectorBasis(
            await EmbedAllAsync(embeddings, abstracts.Concat(paragraphs.Select(p => p.Title + "\n" + p.Text)).ToList(), cancellationToken),
            await EmbedAllAsync(embeddings, asked.ToList(), cancellationToken),
            await EmbedAllAsync(embeddings, claims.ToList(), cancellationToken));
        await using (var stream = File.Create(cache))
        await using (var writer = new BinaryWriter(stream))
        {
            foreach (var list in new[] { basis.Chunks, basis.SquadQuestions, basis.Claims })
            {
                writer.Write(list.Count);
                writer.Write(list.Count == 0 ? 0 : list[0].Length);
                foreach (var vector in list)
                {
                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                }
            }
        }

        return basis;
    }

    private static async Task<List<float[]>> EmbedAllAsync(IEmbeddingGenerator<string, Embedding<float>> embeddings, List<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(16))
        {
            vectors.AddRange((await embeddings.GenerateAsync(batch, cancellationToken: cancellationToken)).Select(e => e.Vector.ToArray()));
        }

        return vectors;
    }

    private static List<float[]> ReadList(BinaryReader reader)
    {
        var (count, dimensions) = (reader.ReadInt32(), reader.ReadInt32());
        var list = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            var vector = new float[dimensions];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            list.Add(vector);
        }

        return list;
    }
}
