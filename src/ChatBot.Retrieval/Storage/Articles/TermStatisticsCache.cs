using System.Collections.Concurrent;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// Document frequencies of query terms and the chunk count, remembered for one version of the index. A store
/// bumps <see cref="Invalidate"/> after every committed save or delete, so a cached figure is never read across
/// a change: counting a common term's postings on every question is what made answers slow on large indexes.
/// </summary>
public sealed class TermStatisticsCache
{
    /// <summary>Terms remembered per version before the cache starts over (bounds memory on open-ended traffic).</summary>
    public const int MaxTerms = 100_000;

    private Snapshot _current = new(0);

    /// <summary>The version a reader must capture before it reads the store, and hand back to <see cref="Store"/>.</summary>
    public long Version => Volatile.Read(ref _current).Version;

    /// <summary>Forgets everything: the index changed.</summary>
    public void Invalidate()
    {
        Snapshot seen, next;
        do
        {
            seen = Volatile.Read(ref _current);
            next = new Snapshot(seen.Version + 1);
        }
        while (Interlocked.CompareExchange(ref _current, next, seen) != seen);
    }

    public bool TryGetChunkCount(out int count)
    {
        var snapshot = Volatile.Read(ref _current);
        count = snapshot.ChunkCount;
        return count >= 0;
    }

    public bool TryGetFrequency(string term, out int frequency) =>
        Volatile.Read(ref _current).Frequencies.TryGetValue(term, out frequency);

    /// <summary>Remembers figures read while the index was at <paramref name="version"/> (dropped when it has moved on).</summary>
    public void Store(long version, int? chunkCount, IEnumerable<KeyValuePair<string, int>> frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.Version != version)
        {
            return;
        }

        if (chunkCount is int count)
        {
            snapshot.ChunkCount = count;
        }

        if (snapshot.Frequencies.Count > MaxTerms)
        {
            snapshot.Frequencies.Clear();
        }

        foreach (var (term, frequency) in frequencies)
        {
            snapshot.Frequencies[term] = frequency;
        }
    }

    private sealed class Snapshot(long version)
    {
        private int _chunkCount = -1;

        public long Version { get; } = version;

        public ConcurrentDictionary<string, int> Frequencies { get; } = new(StringComparer.Ordinal);

        public int ChunkCount
        {
            get => Volatile.Read(ref _chunkCount);
            set => Volatile.Write(ref _chunkCount, value);
        }
    }
}
