using System.Numerics.Tensors;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// All chunk vectors in memory, in one contiguous array, scored with SIMD dot products (vectors are
/// normalised, so dot = cosine). Kept in sync with the store: the ingestion pipeline adds and removes
/// an article's vectors right after its transaction commits. Readers run in parallel; writers are exclusive.
/// Every vector belongs to a library; a search scans only the vectors of its library (the library is checked in the
/// scan, before a vector can enter the top k), so another library can never crowd a library's results out.
/// Each vector also has an int8 copy (<see cref="Int8Codes"/>): a search scans the codes for the best
/// <see cref="RescoreFactor"/> × k candidates and re-scores those in float (VectorIndex.Search.cs).
/// With a vector file (<see cref="VectorFile"/>, <c>Storage:VectorFile</c>) the float vectors live in that file and not
/// in memory; the codes and ids stay in memory, and a snapshot of them lets a restart skip reading every row
/// (VectorIndex.Snapshot.cs).
/// </summary>
public sealed partial class VectorIndex : IDisposable
{
    private readonly int _dimensions;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, int> _slotByChunk = [];
    private readonly VectorFile? _file;
    private float[] _vectors;
    private sbyte[] _codes;
    private ulong[] _bits;
    private readonly int _words;
    private float[] _scales;
    private long[] _chunkIds;
    private long[] _articleIds;
    private int[] _libraries;
    private readonly Dictionary<string, int> _libraryKeys = new(StringComparer.Ordinal);
    private int _count;
    private volatile bool _disposed;

    public VectorIndex(int dimensions)
        : this(dimensions, null)
    {
    }

    /// <summary>
    /// With <paramref name="vectorFile"/>, the float vectors are kept in that file (opened for this process alone; when
    /// another process holds it they are kept in memory after all, see <see cref="VectorFilePath"/>).
    /// </summary>
    public VectorIndex(int dimensions, string? vectorFile)
    {
        _dimensions = dimensions;
        _file = vectorFile is null ? null : VectorFile.TryOpen(vectorFile, dimensions);
        _vectors = new float[_file is null ? dimensions * 1024 : 0];
        _codes = new sbyte[dimensions * 1024];
        _words = SignBits.Words(dimensions);
        _bits = new ulong[_words * 1024];
        _scales = new float[1024];
        _chunkIds = new long[1024];
        _articleIds = new long[1024];
        _libraries = new int[1024];
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

    /// <summary>The file holding the float vectors; null when they are in memory.</summary>
    public string? VectorFilePath => _file?.Path;

    /// <summary>Adds (or replaces) the vector of a chunk of <paramref name="library"/>.</summary>
    public void Add(long chunkId, long articleId, string library, ReadOnlySpan<float> vector)
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

            DropSnapshot();
            if (_file is null)
            {
                vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            }
            else
            {
                _file.Write(slot, vector);
            }

            _scales[slot] = Int8Codes.Quantize(vector, _codes.AsSpan(slot * _dimensions, _dimensions));
            SignBits.FromCodes(_codes.AsSpan(slot * _dimensions, _dimensions), _bits.AsSpan(slot * _words, _words));
            _chunkIds[slot] = chunkId;
            _articleIds[slot] = articleId;
            if (!_libraryKeys.TryGetValue(library, out var key))
            {
                key = _libraryKeys.Count;
                _libraryKeys[library] = key;
            }

            _libraries[slot] = key;
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
            DropSnapshot();
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
            DropSnapshot();
            _slotByChunk.Clear();
            _libraryKeys.Clear();
            _count = 0;
            _file?.Truncate(0);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Cosine of the query with given chunks (absent chunks are left out).</summary>
    public Dictionary<long, float> Similarities(ReadOnlySpan<float> query, IEnumerable<long> chunkIds)
    {
        var result = new Dictionary<long, float>();
        Span<float> buffer = stackalloc float[_dimensions];
        _lock.EnterReadLock();
        try
        {
            foreach (var id in chunkIds)
            {
                if (_slotByChunk.TryGetValue(id, out var slot))
                {
                    result[id] = TensorPrimitives.Dot(query, Vector(slot, buffer));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return result;
    }

    /// <summary>Bytes held in memory by the vectors (none with a vector file), their int8 codes and the ids.</summary>
    public long MemoryBytes => (_vectors.LongLength * sizeof(float)) + _codes.LongLength + (_bits.LongLength * sizeof(ulong)) + (_scales.LongLength * sizeof(float))
        + (_chunkIds.LongLength * sizeof(long) * 2) + (_libraries.LongLength * sizeof(int));

    /// <summary>Bytes of the vector file (0 without one).</summary>
    public long FileBytes => _file?.Length ?? 0;

    /// <summary>Closes the vector file (another process may open it now); a disposed index saves no snapshot.</summary>
    public void Dispose()
    {
        _disposed = true;
        _file?.Dispose();
        _lock.Dispose();
    }

    /// <summary>The float vector of a slot: a view of the array, or read from the file into <paramref name="buffer"/>.</summary>
    private ReadOnlySpan<float> Vector(int slot, Span<float> buffer)
    {
        if (_file is null)
        {
            return _vectors.AsSpan(slot * _dimensions, _dimensions);
        }

        _file.Read(slot, buffer);
        return buffer;
    }

    private void RemoveSlot(int slot)
    {
        var last = _count - 1;
        _slotByChunk.Remove(_chunkIds[slot]);
        if (slot != last)
        {
            if (_file is null)
            {
                _vectors.AsSpan(last * _dimensions, _dimensions).CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            }
            else
            {
                _file.Copy(last, slot);
            }

            _codes.AsSpan(last * _dimensions, _dimensions).CopyTo(_codes.AsSpan(slot * _dimensions, _dimensions));
            _bits.AsSpan(last * _words, _words).CopyTo(_bits.AsSpan(slot * _words, _words));
            _scales[slot] = _scales[last];
            _chunkIds[slot] = _chunkIds[last];
            _articleIds[slot] = _articleIds[last];
            _libraries[slot] = _libraries[last];
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

        // Doubling up to 64k slots, then +25 %: a 100k index wastes ~2 % instead of up to half (vectors dominate memory).
        var current = _chunkIds.Length;
        var capacity = Math.Max(needed, current < 65_536 ? current * 2 : current + (current / 4));
        if (_file is null)
        {
            Array.Resize(ref _vectors, capacity * _dimensions);
        }

        Array.Resize(ref _codes, capacity * _dimensions);
        Array.Resize(ref _bits, capacity * _words);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _chunkIds, capacity);
        Array.Resize(ref _articleIds, capacity);
        Array.Resize(ref _libraries, capacity);
    }
}
