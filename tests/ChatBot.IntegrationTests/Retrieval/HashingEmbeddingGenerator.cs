using ChatBot.Retrieval.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatBot.IntegrationTests.Retrieval;

/// <summary>A deterministic stand-in for MiniLM: a normalised bag of hashed words, 384 dimensions.</summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public static float[] Embed(string text)
    {
        var vector = new float[MiniLmEmbeddingGenerator.Dimensions];
        foreach (var word in text.Split([' ', '.', ',', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(word);
            vector[hash % (uint)vector.Length] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length && norm > 0; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
