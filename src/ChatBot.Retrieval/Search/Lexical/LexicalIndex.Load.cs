namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>The bulk load of <see cref="LexicalIndex"/>: one sequential pass over FTS5's token instances.</summary>
public sealed partial class LexicalIndex
{
    /// <summary>
    /// Replaces the whole index: <paramref name="rows"/> are the full-text rows in increasing chunk id, then
    /// <paramref name="instances"/> every token instance, grouped by token and, within a token, in increasing chunk id
    /// (the order of FTS5's <c>fts5vocab</c> instance table).
    /// </summary>
    public void Load(IEnumerable<(long ChunkId, long ArticleId, string Library)> rows, IEnumerable<(string Token, long ChunkId, int Column)> instances)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(instances);
        Clear();
        _lock.EnterWriteLock();
        try
        {
            var libraryOf = new List<int>();
            foreach (var (chunkId, articleId, library) in rows)
            {
                LibraryLists(library);
                NewDoc(chunkId, articleId, _libraryKeys[library], 0);
                libraryOf.Add(_libraryKeys[library]);
            }

            string? token = null;
            var doc = -1;
            var twice = 0;
            foreach (var (instanceToken, chunkId, column) in instances)
            {
                if (!_docByChunk.TryGetValue(chunkId, out var instanceDoc))
                {
                    continue;
                }

                if (instanceDoc != doc || !string.Equals(instanceToken, token, StringComparison.Ordinal))
                {
                    Flush(token, doc, twice, libraryOf);
                    (token, doc, twice) = (instanceToken, instanceDoc, 0);
                }

                twice += column == 0 ? 1 : 2;
                _lengths[instanceDoc]++;
                _tokens++;
            }

            Flush(token, doc, twice, libraryOf);
            foreach (var list in _lists.SelectMany(l => l.Values))
            {
                list.RecomputeMinLength(_lengths);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Flush(string? token, int doc, int twice, List<int> libraryOf)
    {
        if (token is null || doc < 0)
        {
            return;
        }

        var lists = _lists[libraryOf[doc]];
        var id = TokenId(token);
        if (!lists.TryGetValue(id, out var list))
        {
            lists[id] = list = new PostingList();
        }

        list.Append(doc, twice, 0);
    }
}
