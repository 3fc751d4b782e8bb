using ChatBot.Retrieval.Index;

namespace ChatBot.Tests.Retrieval.Index;

/// <summary>A <see cref="VectorIndex"/> whose floats live in a vector file answers exactly as one that keeps them in memory.</summary>
public sealed class VectorFileTests : IDisposable
{
    private const int Dimensions = 24;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatbot-vectorfile-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Search_WithAVectorFile_EqualsTheInMemoryIndexThroughAddsReplacementsAndRemovals()
    {
        var random = new Random(17);
        using var memory = new VectorIndex(Dimensions);
        using var file = new VectorIndex(Dimensions, Path.Combine(_directory, "chatbot.db.vectors"));
        Assert.NotNull(file.VectorFilePath);
        for (var i = 0; i < 3000; i++)
        {
            var vector = Unit(random);
            var (chunk, article, library) = (i % 10 == 9 ? i - 5 : i, (long)(i / 20), i % 3 == 0 ? "b" : "a"); // every tenth replaces an earlier chunk's vector
            memory.Add(chunk, article, library, vector);
            file.Add(chunk, article, library, vector);
        }

        foreach (var article in new long[] { 3, 40, 77, 149 })
        {
            Assert.Equal(memory.RemoveArticle(article), file.RemoveArticle(article));
        }

        Assert.Equal(memory.Count, file.Count);
        Assert.True(file.FileBytes >= (long)file.Count * Dimensions * sizeof(float));
        Assert.True(file.MemoryBytes < memory.MemoryBytes / 2, "the floats are not in memory");
        for (var q = 0; q < 30; q++)
        {
            var query = Unit(random);
            foreach (var library in new[] { "a", "b" })
            {
                Assert.Equal(memory.Search(query, library, 25), file.Search(query, library, 25));
                Assert.Equal(memory.SearchExact(query, library, 25), file.SearchExact(query, library, 25));
            }

            var ids = Enumerable.Range(0, 40).Select(_ => (long)random.Next(3000)).ToList();
            Assert.Equal(memory.Similarities(query, ids), file.Similarities(query, ids));
        }
    }

    [Fact]
    public void VectorFile_HeldByAnotherIndex_IsNotShared()
    {
        var path = Path.Combine(_directory, "chatbot.db.vectors");
        using var first = new VectorIndex(Dimensions, path);
        using var second = new VectorIndex(Dimensions, path);
        var vector = Unit(new Random(1));
        second.Add(1, 1, "a", vector);

        Assert.Equal(path, first.VectorFilePath);
        Assert.Null(second.VectorFilePath); // its floats stay in memory, so the two never write each other's slots
        Assert.Equal(1, second.Search(vector, "a", 1)[0].ChunkId);
        Assert.Equal(0, first.FileBytes);
    }

    [Fact]
    public void TryLoadSnapshot_ForAnotherFingerprint_LeavesTheIndexAlone()
    {
        var path = Path.Combine(_directory, "chatbot.db.vectors");
        var random = new Random(5);
        using (var index = new VectorIndex(Dimensions, path))
        {
            for (var i = 1; i <= 10; i++)
            {
                index.Add(i, i, "a", Unit(random));
            }

            Assert.False(index.SaveSnapshot(new IndexFingerprint(11, 11))); // the store holds something else: no snapshot
            Assert.True(index.SaveSnapshot(new IndexFingerprint(10, 10)));
        }

        using var restarted = new VectorIndex(Dimensions, path);
        Assert.False(restarted.TryLoadSnapshot(new IndexFingerprint(10, 12)));
        Assert.Equal(0, restarted.Count);
        Assert.True(restarted.TryLoadSnapshot(new IndexFingerprint(10, 10)));
        Assert.Equal(10, restarted.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static float[] Unit(Random random)
    {
        var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }
}
