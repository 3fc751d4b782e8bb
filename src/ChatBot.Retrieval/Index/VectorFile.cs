using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// The float vectors of a <see cref="VectorIndex"/> in a flat file instead of the managed heap: slot s holds its
/// vector at byte s × dimensions × 4. Written and read with positioned I/O (<c>pwrite</c>/<c>pread</c>, safe from
/// several threads at once), so the file's pages sit in the OS page cache and never in the process's working set:
/// a search reads only the few hundred vectors it re-scores. The file is opened exclusively (another process that
/// wants it gets null and keeps its vectors in memory), since slots are this process's numbering.
/// </summary>
internal sealed class VectorFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly int _dimensions;

    private VectorFile(string path, SafeFileHandle handle, int dimensions)
    {
        Path = path;
        _handle = handle;
        _dimensions = dimensions;
    }

    public string Path { get; }

    /// <summary>Bytes of the file (slots written so far, including freed ones at the end).</summary>
    public long Length => RandomAccess.GetLength(_handle);

    /// <summary>Opens (or creates) the file for this process alone; null when another process holds it.</summary>
    public static VectorFile? TryOpen(string path, int dimensions)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, FileOptions.RandomAccess);
            return new VectorFile(path, handle, dimensions);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(int slot, ReadOnlySpan<float> vector) =>
        RandomAccess.Write(_handle, MemoryMarshal.AsBytes(vector), Offset(slot));

    /// <summary>Reads <paramref name="vectors"/>.Length / dimensions consecutive vectors from <paramref name="firstSlot"/> on.</summary>
    public void Read(int firstSlot, Span<float> vectors)
    {
        var bytes = MemoryMarshal.AsBytes(vectors);
        var offset = Offset(firstSlot);
        while (bytes.Length > 0)
        {
            var read = RandomAccess.Read(_handle, bytes, offset);
            if (read <= 0)
            {
                throw new InvalidDataException($"{Path} ends before slot {firstSlot + (vectors.Length / _dimensions) - 1}: the vector file is shorter than the index.");
            }

            bytes = bytes[read..];
            offset += read;
        }
    }

    public void Copy(int from, int to)
    {
        Span<float> vector = stackalloc float[_dimensions];
        Read(from, vector);
        Write(to, vector);
    }

    /// <summary>Makes the written vectors durable (before a snapshot that points at them is written).</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(_handle);

    /// <summary>Cuts the file after <paramref name="slots"/> vectors (the index was cleared or shrank).</summary>
    public void Truncate(int slots) => RandomAccess.SetLength(_handle, Offset(slots));

    public void Dispose() => _handle.Dispose();

    private long Offset(int slot) => (long)slot * _dimensions * sizeof(float);
}
