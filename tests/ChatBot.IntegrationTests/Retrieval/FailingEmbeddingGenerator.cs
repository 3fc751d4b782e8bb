using Microsoft.Extensions.AI;

namespace ChatBot.IntegrationTests.Retrieval;

/// <summary>Embeds normally until <see cref="FailAfterTexts"/> texts, then throws mid-batch (a crash halfway through an ingest).</summary>
public sealed class FailingEmbeddingGenerator : FakeEmbeddingGenerator
{
    public int? FailAfterTexts { get; set; }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        if (FailAfterTexts is int limit && TextsEmbedded + list.Count > limit)
        {
            await base.GenerateAsync(list.Take(Math.Max(0, limit - TextsEmbedded)), options, cancellationToken);
            throw new InvalidOperationException("The embedding model crashed.");
        }

        return await base.GenerateAsync(list, options, cancellationToken);
    }
}
