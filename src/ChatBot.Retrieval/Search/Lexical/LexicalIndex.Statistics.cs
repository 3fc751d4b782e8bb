namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>The answerer's term statistics, counted per library from the postings instead of an FTS5 count per term.</summary>
public sealed partial class LexicalIndex
{
    /// <summary>
    /// The live rows of <paramref name="library"/> and, for each token, how many of them hold it (in the title or the
    /// text): what <c>SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH '"token"' AND library = @library</c> counts.
    /// </summary>
    public (int Rows, int[] Frequencies) LibraryStatistics(string library, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _lock.EnterReadLock();
        try
        {
            var frequencies = new int[tokens.Count];
            if (!_libraryKeys.TryGetValue(library, out var key))
            {
                return (0, frequencies);
            }

            var lists = _lists[key];
            for (var i = 0; i < tokens.Count; i++)
            {
                if (_tokenIds.TryGetValue(tokens[i], out var token) && lists.TryGetValue(token, out var list))
                {
                    frequencies[i] = _deadDocs == 0 ? list.Count : LiveCount(list);
                }
            }

            return (_libraryRows[key], frequencies);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private int LiveCount(PostingList list)
    {
        var count = 0;
        var cursor = new PostingCursor(list);
        while (cursor.Next())
        {
            count += _dead[cursor.Doc] ? 0 : 1;
        }

        return count;
    }
}
