using System.Runtime.InteropServices;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// The cold-start snapshot of a <see cref="VectorIndex"/> with a vector file: everything but the floats (which are in
/// the vector file already) — chunk and article ids, libraries, int8 scales and codes, sign bits — in one file beside it
/// (<c>&lt;vector file&gt;.snapshot</c>), read back in one sequential pass instead of one stored row per vector. It is
/// written at a clean stop and holds the store's <see cref="IndexFingerprint"/>: it is used only while the store still
/// has that fingerprint, and deleted before the first change after it was written or loaded, so a crash leaves no stale
/// snapshot (the next start reads the rows again).
/// </summary>
public sealed partial class VectorIndex
{
    private const int SnapshotFormat = 3;
    private static readonly byte[] SnapshotMagic = "CBVI"u8.ToArray();
    private volatile bool _snapshotOnDisk;

    /// <summary>Whether the index was last loaded from its snapshot.</summary>
    public bool LoadedFromSnapshot { get; private set; }

    /// <summary>Where the snapshot goes; null without a vector file.</summary>
    public string? SnapshotPath => _file is null ? null : _file.Path + ".snapshot";

    /// <summary>
    /// Writes the snapshot unless the one on disk is still current. Refused (false) without a vector file, or when the
    /// index does not hold what <paramref name="fingerprint"/> (read from the store just before) says: another writer changed the store.
    /// </summary>
    public bool SaveSnapshot(IndexFingerprint fingerprint)
    {
        if (_file is null || SnapshotPath is not { } path || _disposed)
        {
            return false;
        }

        _lock.EnterReadLock();
        try
        {
            if (_snapshotOnDisk)
            {
                return true;
            }

            if (!fingerprint.HasRowsOf(Fingerprint()))
            {
                return false;
            }

            _file.FlushToDisk();
            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(SnapshotMagic);
                writer.Write(SnapshotFormat);
                writer.Write(_dimensions);
                writer.Write(_count);
                writer.Write(fingerprint.Chunks);
                writer.Write(fingerprint.MaxChunkId);
                writer.Write(fingerprint.NewestWrite);
                writer.Write(_libraryKeys.Count);
                foreach (var (name, _) in _libraryKeys.OrderBy(k => k.Value))
                {
                    writer.Write(name);
                }

                writer.Write(MemoryMarshal.AsBytes(_chunkIds.AsSpan(0, _count)));
                writer.Write(MemoryMarshal.AsBytes(_articleIds.AsSpan(0, _count)));
                writer.Write(MemoryMarshal.AsBytes(_libraries.AsSpan(0, _count)));
                writer.Write(MemoryMarshal.AsBytes(_scales.AsSpan(0, _count)));
                writer.Write(MemoryMarshal.AsBytes(_codes.AsSpan(0, _count * _dimensions)));
                writer.Write(MemoryMarshal.AsBytes(_bits.AsSpan(0, _count * _words)));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            _snapshotOnDisk = true;
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Replaces the index with the snapshot when there is one for this store's <paramref name="fingerprint"/> and the
    /// vector file holds all its vectors; false (index untouched) otherwise.
    /// </summary>
    public bool TryLoadSnapshot(IndexFingerprint fingerprint)
    {
        if (_file is null || SnapshotPath is not { } path || !File.Exists(path))
        {
            return false;
        }

        _lock.EnterWriteLock();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var reader = new BinaryReader(stream);
            if (!reader.ReadBytes(SnapshotMagic.Length).AsSpan().SequenceEqual(SnapshotMagic) || reader.ReadInt32() != SnapshotFormat
                || reader.ReadInt32() != _dimensions)
            {
                return false;
            }

            var count = reader.ReadInt32();
            if (new IndexFingerprint(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()) != fingerprint || fingerprint.Chunks != count
                || _file.Length < (long)count * _dimensions * sizeof(float))
            {
                return false;
            }

            var libraries = new string[reader.ReadInt32()];
            for (var i = 0; i < libraries.Length; i++)
            {
                libraries[i] = reader.ReadString();
            }

            var capacity = Math.Max(1024, count);
            var (chunkIds, articleIds, keys, scales, codes, bits) = (new long[capacity], new long[capacity], new int[capacity], new float[capacity], new sbyte[capacity * _dimensions], new ulong[capacity * _words]);
            stream.ReadExactly(MemoryMarshal.AsBytes(chunkIds.AsSpan(0, count)));
            stream.ReadExactly(MemoryMarshal.AsBytes(articleIds.AsSpan(0, count)));
            stream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan(0, count)));
            stream.ReadExactly(MemoryMarshal.AsBytes(scales.AsSpan(0, count)));
            stream.ReadExactly(MemoryMarshal.AsBytes(codes.AsSpan(0, count * _dimensions)));
            stream.ReadExactly(MemoryMarshal.AsBytes(bits.AsSpan(0, count * _words)));
            (_chunkIds, _articleIds, _libraries, _scales, _codes, _bits, _count) = (chunkIds, articleIds, keys, scales, codes, bits, count);
            _libraryKeys.Clear();
            for (var i = 0; i < libraries.Length; i++)
            {
                _libraryKeys[libraries[i]] = i;
            }

            _slotByChunk.Clear();
            _slotByChunk.EnsureCapacity(count);
            for (var slot = 0; slot < count; slot++)
            {
                _slotByChunk[chunkIds[slot]] = slot;
            }

            _snapshotOnDisk = LoadedFromSnapshot = true;
            return true;
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException or ArgumentException)
        {
            return false; // a damaged snapshot (EndOfStreamException is an IOException): the rows are read instead
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>What the index holds, in the terms of <see cref="IndexFingerprint"/>.</summary>
    private IndexFingerprint Fingerprint()
    {
        long max = 0;
        for (var slot = 0; slot < _count; slot++)
        {
            max = Math.Max(max, _chunkIds[slot]);
        }

        return new IndexFingerprint(_count, max);
    }

    /// <summary>Before a change (under the write lock): the snapshot on disk no longer describes the index.</summary>
    private void DropSnapshot()
    {
        if (_snapshotOnDisk && SnapshotPath is { } path)
        {
            File.Delete(path);
            _snapshotOnDisk = false;
        }
    }
}
