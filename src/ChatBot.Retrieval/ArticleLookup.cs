using ChatBot.Core.Model;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Retrieval;

/// <summary>
/// Finds the article a person names inside one library: by id ("12" or "#12"), source, URL or title. Reading
/// (<see cref="FindAsync"/>) takes the best guess, a title prefix or part included; deleting
/// (<see cref="FindExactAsync"/>) only an exact id, source, URL or a title no other article of the library has.
/// </summary>
public sealed class ArticleLookup(IArticleStore store)
{
    public async Task<Article?> FindAsync(string library, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim().TrimStart('#');
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, out var id) && await store.GetAsync(library, id, cancellationToken) is { } byId)
        {
            return byId;
        }

        if (await store.GetBySourceAsync(library, text, cancellationToken) is { } bySource)
        {
            return bySource;
        }

        var all = await store.ListAsync(library, cancellationToken);
        return all.FirstOrDefault(a => string.Equals(a.Title, text, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(a => a.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(a => a.Title.Contains(text, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(a => a.Url is not null && string.Equals(a.Url, text, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(a => a.Source.EndsWith(text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Deleting cannot be undone: only an exact id, source, URL or (unique) title of this library names the article.</summary>
    public async Task<Article?> FindExactAsync(string library, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim();
        text = text.StartsWith('#') ? text[1..] : text;
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, out var id))
        {
            return await store.GetAsync(library, id, cancellationToken);
        }

        if (await store.GetBySourceAsync(library, text, cancellationToken) is { } bySource)
        {
            return bySource;
        }

        var matches = (await store.ListAsync(library, cancellationToken))
            .Where(a => string.Equals(a.Title, text, StringComparison.OrdinalIgnoreCase) || string.Equals(a.Url, text, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
