using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval.Index;

public sealed class VectorIndexTests
{
    [Fact]
    public void SearchExact_SplitAcrossWorkers_EqualsBruteForceTopK()
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

        var actual = index.SearchExact(query, "local", 50);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Search_Int8PreFilter_ReturnsExactSimilaritiesAndKeepsTheExactTopTen()
    {
        // Unit vectors in clusters (a centre plus noise), as embeddings are: neighbours are close, so the codes must rank finely.
        const int dimensions = 64;
        var random = new Random(11);
        using var index = new VectorIndex(dimensions);
        var centres = Enumerable.Range(0, 200).Select(_ => Unit(Gaussian(random, dimensions, 1f))).ToList();
        var vectors = new List<float[]>();
        for (var i = 0; i < (2 * VectorIndex.SlotsPerWorker) + 500; i++)
        {
            var noise = Gaussian(random, dimensions, 0.08f);
            var vector = Unit(centres[random.Next(centres.Count)].Zip(noise, (a, b) => a + b).ToArray());
            vectors.Add(vector);
            index.Add(i, i, i % 7 == 0 ? "other" : "local", vector);
        }

        var found = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = Unit(vectors[random.Next(vectors.Count)].Zip(Gaussian(random, dimensions, 0.05f), (a, b) => a + b).ToArray());
            var exact = index.SearchExact(query, "local", 10);
            var quantised = index.Search(query, "local", 10);

            Assert.Equal(10, quantised.Count);
            Assert.All(quantised, h => Assert.Equal(Dot(vectors[(int)h.ChunkId], query), h.Similarity, 1e-5f));
            Assert.All(quantised, h => Assert.NotEqual(0, h.ChunkId % 7));
            Assert.Equal(quantised.OrderByDescending(h => h.Similarity).ThenBy(h => h.ChunkId), quantised);
            found += quantised.Select(h => h.ChunkId).Intersect(exact.Select(h => h.ChunkId)).Count();
        }

        // Recall@10 against the exact scan, over 100 queries: at least 99.5 % (the bench measures it on real embeddings).
        Assert.True(found >= 995, $"recall@10 vs exact: {found / 1000.0:P1}");
    }

    [Fact]
    public void Search_SignBitsBeforeTheCodes_ReturnExactSimilaritiesAndKeepTheExactTopTen()
    {
        // As in the bench's synthetic growth: copies of a few hundred unit vectors with noise (σ 0.03 per dimension, 384 dimensions).
        const int dimensions = 384;
        var random = new Random(13);
        using var index = new VectorIndex(dimensions) { BitsFromCount = 1_000 };
        var centres = Enumerable.Range(0, 300).Select(_ => Unit(Gaussian(random, dimensions, 1f))).ToList();
        var vectors = new List<float[]>();
        for (var i = 0; i < 20_000; i++)
        {
            var vector = Unit(centres[random.Next(centres.Count)].Zip(Gaussian(random, dimensions, 0.03f), (a, b) => a + b).ToArray());
            vectors.Add(vector);
            index.Add(i, i, i % 5 == 0 ? "other" : "local", vector);
        }

        var found = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = Unit(centres[random.Next(centres.Count)].Zip(Gaussian(random, dimensions, 0.03f), (a, b) => a + b).ToArray());
            var exact = index.SearchExact(query, "local", 10);
            var prefiltered = index.Search(query, "local", 10);

            Assert.Equal(10, prefiltered.Count);
            Assert.All(prefiltered, h => Assert.Equal(Dot(vectors[(int)h.ChunkId], query), h.Similarity, 1e-5f));
            Assert.All(prefiltered, h => Assert.NotEqual(0, h.ChunkId % 5));
            found += prefiltered.Select(h => h.ChunkId).Intersect(exact.Select(h => h.ChunkId)).Count();
        }

        Assert.True(found >= 995, $"recall@10 vs exact: {found / 1000.0:P1}");
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

    private static float[] Gaussian(Random random, int dimensions, float sigma) =>
        Enumerable.Range(0, dimensions)
            .Select(_ => sigma * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .ToArray();

    private static float[] Unit(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
