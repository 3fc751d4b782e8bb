using ChatBot.Retrieval.Search.Lexical;

namespace ChatBot.Tests.Retrieval.Search.Lexical;

public sealed class LexicalIndexTests
{
    private static readonly string[] Words = Enumerable.Range(0, 300).Select(i => "w" + i).ToArray();

    [Fact]
    public void Search_AfterRemovalsAndCompaction_EqualsAnIndexOfTheSurvivorsOnly()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 4000).Select(i => (Chunk: 10_000L + i, Article: (long)(i / 2), Library: i % 3 == 0 ? "b" : "a", Tokens: Row(random))).ToList();
        using var churned = new LexicalIndex();
        using var fresh = new LexicalIndex();
        foreach (var row in rows)
        {
            churned.Add(row.Chunk, row.Article, row.Library, row.Tokens);
        }

        var postingsBefore = churned.Size.Postings;

        // Two articles of every three go: well past a quarter of the rows, so the lists are compacted.
        var removed = rows.Select(r => r.Article).Distinct().Where(a => a % 3 != 0).ToHashSet();
        foreach (var article in removed)
        {
            churned.RemoveArticle(article);
        }

        foreach (var row in rows.Where(r => !removed.Contains(r.Article)))
        {
            fresh.Add(row.Chunk, row.Article, row.Library, row.Tokens);
        }

        Assert.Equal(fresh.Rows, churned.Rows);
        Assert.True(churned.Size.Postings < postingsBefore, "tombstoned postings were compacted away");
        for (var q = 0; q < 50; q++)
        {
            var phrases = Enumerable.Range(0, 1 + (q % 5)).Select(_ => Words[(int)Math.Pow(random.Next(17), 2)]).ToList();
            foreach (var library in new[] { "a", "b" })
            {
                var expected = fresh.Search(library, phrases, 20);
                var actual = churned.Search(library, phrases, 20);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, actual);
                Assert.All(actual, hit => Assert.DoesNotContain(hit.ArticleId, removed));
            }
        }
    }

    [Fact]
    public void Search_PrunedTopK_EqualsTheTopOfEveryScoredRow()
    {
        var random = new Random(9);
        using var index = new LexicalIndex();
        for (var i = 0; i < 3000; i++)
        {
            index.Add(i, i, "a", Row(random));
        }

        for (var q = 0; q < 40; q++)
        {
            var phrases = Enumerable.Range(0, 2 + (q % 4)).Select(_ => Words[(int)Math.Pow(random.Next(17), 2)]).ToList();
            var all = index.Search("a", phrases, 3000);
            var top = index.Search("a", phrases, 10);

            Assert.Equal(all.Take(10), top);
            Assert.Equal(all.OrderByDescending(h => h.Score).ThenBy(h => h.ChunkId), all);
        }
    }

    /// <summary>A title of 3 tokens and a text of 20–80, common words far more often than rare ones (Zipf-like).</summary>
    private static List<(string, int)> Row(Random random) =>
        Enumerable.Range(0, 3).Select(_ => (Words[(int)Math.Pow(random.Next(17), 2)], 0))
            .Concat(Enumerable.Range(0, random.Next(20, 80)).Select(_ => (Words[(int)Math.Pow(random.Next(17), 2)], 1)))
            .ToList();
}
