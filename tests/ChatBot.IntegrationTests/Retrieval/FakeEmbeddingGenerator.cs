using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace ChatBot.IntegrationTests.Retrieval;

/// <summary>A fast, deterministic stand-in for MiniLM: hashed bag of stems, L2-normalised (texts sharing words are close).</summary>
public class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public int TextsEmbedded { get; private set; }

    public virtual Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            TextsEmbedded++;
            result.Add(new Embedding<float>(Vector(value)));
        }

        return Task.FromResult(result);
    }

    public static float[] Vector(string text)
    {
        var vector = new float[MiniLmEmbeddingGenerator.Dimensions];
        foreach (var term in TextTerms.ContentTerms(text))
        {
            var hash = 2166136261u;
            foreach (var c in term)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % (uint)vector.Length] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
        else
        {
            vector[0] = 1;
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => GC.SuppressFinalize(this);
}
