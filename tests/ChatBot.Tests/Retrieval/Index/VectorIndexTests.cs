using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval.Index;

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
            index.Add(1000 + i, i / 10, "local", vector);
        }

        var query = Enumerable.Range(0, dimensions).Select(_ => (float)random.Next(-3, 4)).ToArray();
        var expected = vectors
            .Select((v, slot) => (ChunkId: 1000L + slot, ArticleId: (long)(slot / 10), Similarity: v.Zip(query, (a, b) => a * b).Sum()))
            .OrderByDescending(x => x.Similarity)
            .ThenBy(x => x.ChunkId)
            .Take(50)
            .ToList();

        var actual = index.Search(query, "local", 50);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Search_FewerVectorsThanLimit_ReturnsAllBestFirst()
    {
        using var index = new VectorIndex(2);
        index.Add(1, 1, "local", [1f, 0f]);
        index.Add(2, 1, "local", [0f, 1f]);
        index.Add(3, 2, "local", [0.6f, 0.8f]);

        var hits = index.Search([0f, 1f], "local", 10);

        Assert.Equal([2L, 3L, 1L], hits.Select(h => h.ChunkId));
    }

    [Fact]
    public void Search_OtherLibraryCloserAndMoreNumerous_ReturnsOnlyTheAskedLibrarysTopK()
    {
        const int dimensions = 4;
        using var index = new VectorIndex(dimensions);
        for (var i = 0; i < (2 * VectorIndex.SlotsPerWorker) + 10; i++)
        {
            // Library "a" holds vectors equal to the query; "b" only weaker ones, spread through the array.
            var mine = i % 100 == 0;
            index.Add(i, i, mine ? "b" : "a", mine ? [0.5f, 0.5f, 0.5f, 0.5f] : [1f, 0f, 0f, 0f]);
        }

        var hits = index.Search([1f, 0f, 0f, 0f], "b", 5);

        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.Equal(0, h.ChunkId % 100));
        Assert.Empty(index.Search([1f, 0f, 0f, 0f], "c", 5));
    }

    [Fact]
    public void RemoveArticle_MovesTheLastSlot_KeepsItsLibrary()
    {
        using var index = new VectorIndex(2);
        index.Add(1, 1, "a", [1f, 0f]);
        index.Add(2, 2, "b", [1f, 0f]);

        index.RemoveArticle(1);

        Assert.Empty(index.Search([1f, 0f], "a", 5));
        Assert.Equal([2L], index.Search([1f, 0f], "b", 5).Select(h => h.ChunkId));
    }
}
