namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// An in-memory inverted index of the chunks' full-text rows whose scores are FTS5's own
/// <c>bm25(chunks_fts, 0.5, 1.0)</c>: the same tokens (read from FTS5 through <see cref="Fts5Tokens"/>), the same
/// statistics (row count, average length and document frequencies over the whole table, every library) and the same
/// arithmetic. Postings are kept per library and token, so a search reads only its library's documents; ranking
/// prunes with MaxScore (LexicalIndex.Search.cs). Removed chunks are tombstoned and compacted away once they are a
/// quarter of the documents. Readers run in parallel; writers are exclusive.
/// </summary>
public sealed partial class LexicalIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _libraryKeys = new(StringComparer.Ordinal);
    private readonly List<Dictionary<int, PostingList>> _lists = [];
    private readonly Dictionary<long, int> _docByChunk = [];
    private readonly Dictionary<long, List<int>> _docsByArticle = [];
    private readonly Dictionary<int, int> _frequencyCache = [];
    private readonly List<int> _libraryRows = [];
    private long[] _chunkIds = new long[1024];
    private long[] _articleIds = new long[1024];
    private int[] _lengths = new int[1024];
    private bool[] _dead = new bool[1024];
    private int[] _libraryOf = new int[1024];
    private int _docs;
    private int _deadDocs;
    private long _rows;
    private long _tokens;

    /// <summary>Live documents (full-text rows) in every library.</summary>
    public long Rows => Read(() => _rows);

    /// <summary>Postings held (live or awaiting compaction) and the bytes of their compressed lists.</summary>
    public (long Postings, long Bytes) Size => Read(() =>
    {
        long postings = 0, bytes = 0;
        foreach (var list in _lists.SelectMany(l => l.Values))
        {
            postings += list.Count;
            bytes += list.ByteLength;
        }

        return (postings, bytes);
    });

    /// <summary>Bytes held: compressed postings with their skip tables, and the per-document arrays.</summary>
    public long MemoryBytes => Read(() => _lists.SelectMany(l => l.Values).Sum(l => l.MemoryBytes) + (_chunkIds.LongLength * 25));

    /// <summary>Adds (or replaces) one chunk's row: its tokens in order with their column (0 = title, 1 = text).</summary>
    public void Add(long chunkId, long articleId, string library, IReadOnlyList<(string Token, int Column)> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _lock.EnterWriteLock();
        try
        {
            if (_docByChunk.TryGetValue(chunkId, out var old))
            {
                Tombstone(old);
            }

            var lists = LibraryLists(library);
            var doc = NewDoc(chunkId, articleId, _libraryKeys[library], tokens.Count);
            foreach (var (token, twice) in WeightedFrequencies(tokens))
            {
                var id = TokenId(token);
                if (!lists.TryGetValue(id, out var list))
                {
                    lists[id] = list = new PostingList();
                }

                list.Append(doc, twice, tokens.Count);
                if (_frequencyCache.TryGetValue(id, out var cached))
                {
                    _frequencyCache[id] = cached + 1;
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every chunk of an article.</summary>
    public void RemoveArticle(long articleId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_docsByArticle.Remove(articleId, out var docs))
            {
                return;
            }

            foreach (var doc in docs.ToList())
            {
                Tombstone(doc);
            }

            if (_deadDocs > 1024 && _deadDocs * 4 > _docs)
            {
                Compact();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            Reset();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();


    /// <summary>Twice the weighted frequency of each token (title ×1, text ×2), in first-occurrence order.</summary>
    internal static Dictionary<string, int> WeightedFrequencies(IReadOnlyList<(string Token, int Column)> tokens)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, column) in tokens)
        {
            frequencies[token] = frequencies.GetValueOrDefault(token) + (column == 0 ? 1 : 2);
        }

        return frequencies;
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private int NewDoc(long chunkId, long articleId, int libraryKey, int length)
    {
        if (_docs == _chunkIds.Length)
        {
            var capacity = _docs < 65_536 ? _docs * 2 : _docs + (_docs / 4);
            Array.Resize(ref _chunkIds, capacity);
            Array.Resize(ref _articleIds, capacity);
            Array.Resize(ref _lengths, capacity);
            Array.Resize(ref _dead, capacity);
            Array.Resize(ref _libraryOf, capacity);
        }

        var doc = _docs++;
        _chunkIds[doc] = chunkId;
        _articleIds[doc] = articleId;
        _lengths[doc] = length;
        _dead[doc] = false;
        _libraryOf[doc] = libraryKey;
        _libraryRows[libraryKey]++;
        _docByChunk[chunkId] = doc;
        if (!_docsByArticle.TryGetValue(articleId, out var docs))
        {
            _docsByArticle[articleId] = docs = [];
        }

        docs.Add(doc);
        _rows++;
        _tokens += length;
        return doc;
    }

    private void Tombstone(int doc)
    {
        if (_dead[doc])
        {
            return;
        }

        _dead[doc] = true;
        _deadDocs++;
        _rows--;
        _libraryRows[_libraryOf[doc]]--;
        _tokens -= _lengths[doc];
        _docByChunk.Remove(_chunkIds[doc]);
        if (_docsByArticle.TryGetValue(_articleIds[doc], out var docs))
        {
            docs.Remove(doc);
            if (docs.Count == 0)
            {
                _docsByArticle.Remove(_articleIds[doc]);
            }
        }

        // Document frequencies now need the tombstones skipped: recounted on the next use of each token.
        _frequencyCache.Clear();
    }

    private Dictionary<int, PostingList> LibraryLists(string library)
    {
        if (!_libraryKeys.TryGetValue(library, out var key))
        {
            key = _libraryKeys[library] = _lists.Count;
            _lists.Add([]);
            _libraryRows.Add(0);
        }

        return _lists[key];
    }

    private int TokenId(string token)
    {
        if (!_tokenIds.TryGetValue(token, out var id))
        {
            id = _tokenIds[token] = _tokenIds.Count;
        }

        return id;
    }

    /// <summary>How many live rows of any library hold the token (FTS5's nHit: its idf spans the whole table).</summary>
    private int DocumentFrequency(int token)
    {
        if (_deadDocs == 0)
        {
            return _lists.Sum(l => l.TryGetValue(token, out var list) ? list.Count : 0);
        }

        lock (_frequencyCache)
        {
            if (_frequencyCache.TryGetValue(token, out var cached))
            {
                return cached;
            }

            var count = 0;
            foreach (var lists in _lists)
            {
                count += lists.TryGetValue(token, out var list) ? LiveCount(list) : 0;
            }

            return _frequencyCache[token] = count;
        }
    }

    /// <summary>Rewrites every list without the tombstoned documents (document numbers are kept).</summary>
    private void Compact()
    {
        foreach (var lists in _lists)
        {
            foreach (var (token, list) in lists.ToList())
            {
                var compacted = new PostingList();
                var cursor = new PostingCursor(list);
                while (cursor.Next())
                {
                    if (!_dead[cursor.Doc])
                    {
                        compacted.Append(cursor.Doc, cursor.TwiceFrequency, _lengths[cursor.Doc]);
                    }
                }

                if (compacted.Count == 0)
                {
                    lists.Remove(token);
                }
                else
                {
                    lists[token] = compacted;
                }
            }
        }

        _deadDocs = 0;
        _frequencyCache.Clear();
    }
}
