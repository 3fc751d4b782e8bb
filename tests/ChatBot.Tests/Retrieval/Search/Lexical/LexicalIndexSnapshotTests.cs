using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search.Lexical;

namespace ChatBot.Tests.Retrieval.Search.Lexical;

public sealed class LexicalIndexSnapshotTests
{
    private static readonly string[] Words = Enumerable.Range(0, 300).Select(i => "w" + i).ToArray();

    [Fact]
    public void TryLoad_OfASavedIndexWithTombstones_SearchesAndChangesExactlyAsTheOriginal()
    {
        var random = new Random(21);
        using var original = new LexicalIndex();
        for (var i = 0; i < 3000; i++)
        {
            original.Add(5_000 + i, i / 3, i % 4 == 0 ? "b" : "a", Row(random));
        }

        foreach (var article in Enumerable.Range(0, 1000).Where(a => a % 9 == 0))
        {
            original.RemoveArticle(article); // tombstones, fewer than a quarter: kept in the lists
        }

        using var stream = new MemoryStream();
        original.Save(stream, original.Fingerprint);
        using var loaded = new LexicalIndex();
        stream.Position = 0;
        Assert.False(loaded.TryLoad(stream, new IndexFingerprint(original.Rows + 1, original.Fingerprint.MaxChunkId)));
        Assert.Equal(0, loaded.Rows);
        stream.Position = 0;
        Assert.True(loaded.TryLoad(stream, original.Fingerprint));

        Assert.Equal(original.Rows, loaded.Rows);
        Assert.Equal(original.Size, loaded.Size);
        Assert.Equal(original.Fingerprint, loaded.Fingerprint);
        AssertSameSearches(original, loaded, random);

        // Both keep working the same way after the load: a replacement, a new row and a removal.
        foreach (var index in new[] { original, loaded })
        {
            var changes = new Random(4);
            index.Add(5_001, 0, "a", Row(changes));
            index.Add(9_999, 2_000, "b", Row(changes));
            index.RemoveArticle(500);
        }

        AssertSameSearches(original, loaded, random);
    }

    private static void AssertSameSearches(LexicalIndex expected, LexicalIndex actual, Random random)
    {
        for (var q = 0; q < 40; q++)
        {
            var phrases = Enumerable.Range(0, 1 + (q % 4)).Select(_ => Words[(int)Math.Pow(random.Next(17), 2)]).ToList();
            foreach (var library in new[] { "a", "b" })
            {
                var hits = expected.Search(library, phrases, 20);
                Assert.NotEmpty(hits);
                Assert.Equal(hits, actual.Search(library, phrases, 20));
                var (rows, frequencies) = expected.LibraryStatistics(library, phrases);
                var (loadedRows, loadedFrequencies) = actual.LibraryStatistics(library, phrases);
                Assert.Equal(rows, loadedRows);
                Assert.Equal(frequencies, loadedFrequencies);
            }
        }
    }

    private static List<(string, int)> Row(Random random) =>
        Enumerable.Range(0, 3).Select(_ => (Words[(int)Math.Pow(random.Next(17), 2)], 0))
            .Concat(Enumerable.Range(0, random.Next(20, 80)).Select(_ => (Words[(int)Math.Pow(random.Next(17), 2)], 1)))
            .ToList();
}
