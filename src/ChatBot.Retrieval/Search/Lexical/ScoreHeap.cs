namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// The k best (score, chunk) pairs so far as a min-heap (the worst on top); equal scores rank by chunk id, lower first,
/// as FTS5's <c>ORDER BY bm25, rowid</c>. <see cref="CouldEnter"/> answers the pruning question with a relative slack of
/// 1e-9, so a bound summed in another order than the exact score never prunes a document that ties or wins.
/// </summary>
internal sealed class ScoreHeap(int capacity)
{
    private readonly (double Score, long ChunkId, int Doc)[] _items = new (double, long, int)[capacity];
    private int _count;

    public bool CouldEnter(double bound) =>
        _count < _items.Length || bound >= _items[0].Score - (1e-9 * Math.Abs(_items[0].Score));

    /// <summary>Adds the item if it ranks above the worst; true when the heap is full afterwards (the threshold may have risen).</summary>
    public bool Offer(double score, long chunkId, int doc)
    {
        var item = (score, chunkId, doc);
        if (_count < _items.Length)
        {
            var i = _count++;
            while (i > 0 && Worse(item, _items[(i - 1) / 2]))
            {
                _items[i] = _items[(i - 1) / 2];
                i = (i - 1) / 2;
            }

            _items[i] = item;
            return _count == _items.Length;
        }

        if (!Worse(_items[0], item))
        {
            return false;
        }

        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Worse(_items[child + 1], _items[child]))
            {
                child++;
            }

            if (!Worse(_items[child], item))
            {
                break;
            }

            _items[at] = _items[child];
            at = child;
        }

        _items[at] = item;
        return true;
    }

    public IEnumerable<(double Score, long ChunkId, int Doc)> Best() =>
        _items.Take(_count).OrderByDescending(x => x.Score).ThenBy(x => x.ChunkId);

    private static bool Worse((double Score, long ChunkId, int Doc) a, (double Score, long ChunkId, int Doc) b) =>
        a.Score < b.Score || (a.Score == b.Score && a.ChunkId > b.ChunkId);
}
