using System.Text.Json;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.IntegrationTests.Retrieval.Search.Lexical;

/// <summary>The real corpus and queries of Fixtures/ (README.md there), saved into a store as the lexical tests do.</summary>
public static class LexicalFixtures
{
    public const int Limit = 50;

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Retrieval", "Search", "Lexical", "Fixtures");

    /// <summary>One article a line.</summary>
    public static IReadOnlyList<string> CorpusLines { get; } = File.ReadLines(Path.Combine(Directory, "corpus.jsonl")).ToList();

    /// <summary>Each question or claim as its library and the search's query terms.</summary>
    public static IReadOnlyList<(string Library, IReadOnlyList<string> Terms)> Queries { get; } = File.ReadLines(Path.Combine(Directory, "queries.jsonl"))
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(q => (q.GetProperty("library").GetString()!, HybridSearcher.QueryTerms(q.GetProperty("query").GetString()!)))
        .ToList();

    /// <summary>Saves every article; returns the chunks saved.</summary>
    public static async Task<int> SaveCorpusAsync(IArticleStore store)
    {
        var count = 0;
        foreach (var line in CorpusLines)
        {
            count += (await SaveAsync(store, line, string.Empty)).ChunkIds.Count;
        }

        return count;
    }

    /// <summary>Saves the first half of the corpus.</summary>
    public static async Task<List<SavedArticle>> SaveFirstHalfAsync(IArticleStore store)
    {
        var saved = new List<SavedArticle>();
        foreach (var line in CorpusLines.Take(CorpusLines.Count / 2))
        {
            saved.Add(await SaveAsync(store, line, string.Empty));
        }

        return saved;
    }

    /// <summary>
    /// After <see cref="SaveFirstHalfAsync"/>: saves the second half, deletes every third article, and replaces every
    /// fifth (same source: its chunks get new ids and an extra sentence).
    /// </summary>
    public static async Task ChurnAsync(IArticleStore store, List<SavedArticle> saved)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var line in CorpusLines.Skip(CorpusLines.Count / 2))
        {
            saved.Add(await SaveAsync(store, line, string.Empty));
        }

        foreach (var article in saved.Where((_, i) => i % 3 == 0).Select(s => s.Article))
        {
            if (!await store.DeleteAsync(article.Library, article.Id, CancellationToken.None))
            {
                throw new InvalidOperationException($"article {article.Id} was not deleted");
            }
        }

        foreach (var line in CorpusLines.Where((_, i) => i % 5 == 1))
        {
            await SaveAsync(store, line, " The bridge over the river was rebuilt in stone after the flood.");
        }
    }

    /// <summary>One article per line; its text cut into chunks of about 60 words so an article has several rows.</summary>
    public static Task<SavedArticle> SaveAsync(IArticleStore store, string line, string appended)
    {
        ArgumentNullException.ThrowIfNull(store);
        var row = JsonDocument.Parse(line).RootElement;
        var text = row.GetProperty("text").GetString()! + appended;
        var words = text.Split(' ');
        var chunks = words.Chunk(60).Select(part => string.Join(' ', part)).Select((chunk, i) => new ChunkDraft(i, chunk, 0, [])).ToList();
        var draft = new ArticleDraft("fixture:" + row.GetProperty("id").GetString(), row.GetProperty("title").GetString()!, text)
        {
            Library = row.GetProperty("library").GetString()!,
        };
        return store.SaveAsync(draft, "hash:" + text.Length, chunks, chunks.Select(_ => new float[] { 1, 0 }).ToList(), CancellationToken.None);
    }
}
