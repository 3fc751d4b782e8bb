using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval;

public sealed class VectorIndexTests
{
    [Fact]
    public void Search_SplitAcrossWorkers_EqualsBruteForceTopK()
    {
        const int dimensions = 8;
        var random = new Random(7);
        using var index = new VectorIndex(dimensions);
        var vectors = new List<float[]>();
        for (var i = 0; i < (2 * VectorIndex.SlotsPerWorker) + 123; i++)
        {
            // Few distinct values, so equal similarities (ties) occur and their order is checked too.
            var vector = Enumerable.Range(0, dimensions).Select(_ => (float)random.Next(-3, 4)).ToArray();
            vectors.Add(vector);
            index.Add(1000 + i, i / 10, vector);
        }

        var query = Enumerable.Range(0, dimensions).Select(_ => (float)random.Next(-3, 4)).ToArray();
        var expected = vectors
            .Select((v, slot) => (ChunkId: 1000L + slot, ArticleId: (long)(slot / 10), Similarity: v.Zip(query, (a, b) => a * b).Sum()))
            .OrderByDescending(x => x.Similarity)
            .ThenBy(x => x.ChunkId)
            .Take(50)
            .ToList();

        var actual = index.Search(query, 50);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Search_FewerVectorsThanLimit_ReturnsAllBestFirst()
    {
        using var index = new VectorIndex(2);
        index.Add(1, 1, [1f, 0f]);
        index.Add(2, 1, [0f, 1f]);
        index.Add(3, 2, [0.6f, 0.8f]);

        var hits = index.Search([0f, 1f], 10);

        Assert.Equal([2L, 3L, 1L], hits.Select(h => h.ChunkId));
    }
}
