using System.Numerics.Tensors;

namespace ChatBot.Retrieval.Search;

/// <summary>
/// All chunk vectors in memory, in one contiguous array, scored with SIMD dot products (vectors are
/// normalised, so dot = cosine). Kept in sync with the store: the ingestion pipeline adds and removes
/// an article's vectors right after its transaction commits. Readers run in parallel; writers are exclusive.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    private readonly int _dimensions;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, int> _slotByChunk = [];
    private float[] _vectors;
    private long[] _chunkIds;
    private long[] _articleIds;
    private int _count;

    public VectorIndex(int dimensions)
    {
        _dimensions = dimensions;
        _vectors = new float[dimensions * 1024];
        _chunkIds = new long[1024];
        _articleIds = new long[1024];
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public int Dimensions => _dimensions;

    /// <summary>Adds (or replaces) the vector of a chunk.</summary>
    public void Add(long chunkId, long articleId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != _dimensions)
        {
            throw new ArgumentException($"Expected {_dimensions} dimensions, got {vector.Length}.", nameof(vector));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_slotByChunk.TryGetValue(chunkId, out var slot))
            {
                EnsureCapacity(_count + 1);
                slot = _count++;
                _slotByChunk[chunkId] = slot;
            }

            vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            _chunkIds[slot] = chunkId;
            _articleIds[slot] = articleId;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every vector of an article (swap-with-last, so the array stays dense).</summary>
    public int RemoveArticle(long articleId)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            for (var slot = _count - 1; slot >= 0; slot--)
            {
                if (_articleIds[slot] == articleId)
                {
                    RemoveSlot(slot);
                    removed++;
                }
            }

            return removed;
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
            _slotByChunk.Clear();
            _count = 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The <paramref name="limit"/> chunks most similar to the query, best first.</summary>
    public IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)> Search(ReadOnlySpan<float> query, int limit)
    {
        if (query.Length != _dimensions || limit <= 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            var top = new PriorityQueue<int, float>(limit + 1);
            for (var slot = 0; slot < _count; slot++)
            {
                var similarity = TensorPrimitives.Dot(query, _vectors.AsSpan(slot * _dimensions, _dimensions));
                if (top.Count < limit)
                {
                    top.Enqueue(slot, similarity);
                }
                else if (top.TryPeek(out _, out var worst) && similarity > worst)
                {
                    top.DequeueEnqueue(slot, similarity);
                }
            }

            var result = new (long, long, float)[top.Count];
            for (var i = result.Length - 1; i >= 0; i--)
            {
                top.TryDequeue(out var slot, out var similarity);
                result[i] = (_chunkIds[slot], _articleIds[slot], similarity);
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Cosine of the query with given chunks (absent chunks are left out).</summary>
    public Dictionary<long, float> Similarities(ReadOnlySpan<float> query, IEnumerable<long> chunkIds)
    {
        var result = new Dictionary<long, float>();
        _lock.EnterReadLock();
        try
        {
            foreach (var id in chunkIds)
            {
                if (_slotByChunk.TryGetValue(id, out var slot))
                {
                    result[id] = TensorPrimitives.Dot(query, _vectors.AsSpan(slot * _dimensions, _dimensions));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return result;
    }

    /// <summary>Bytes held by the vectors and ids.</summary>
    public long MemoryBytes => (_vectors.LongLength * sizeof(float)) + (_chunkIds.LongLength * sizeof(long) * 2);

    public void Dispose() => _lock.Dispose();

    private void RemoveSlot(int slot)
    {
        var last = _count - 1;
        _slotByChunk.Remove(_chunkIds[slot]);
        if (slot != last)
        {
            _vectors.AsSpan(last * _dimensions, _dimensions).CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            _chunkIds[slot] = _chunkIds[last];
            _articleIds[slot] = _articleIds[last];
            _slotByChunk[_chunkIds[slot]] = slot;
        }

        _count--;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _chunkIds.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, _chunkIds.Length * 2);
        Array.Resize(ref _vectors, capacity * _dimensions);
        Array.Resize(ref _chunkIds, capacity);
        Array.Resize(ref _articleIds, capacity);
    }
}
