namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// The documents of one library that hold one token, in increasing document order, compressed: per posting a varint
/// of the gap to the previous document and a varint of twice the weighted frequency (title occurrences count ½, as
/// <c>bm25(chunks_fts, 0.5, 1.0)</c> weighs them), about 2 bytes. Every <see cref="BlockSize"/> postings a block
/// starts with an absolute document number and is listed in a skip table, so a cursor can jump to a document.
/// Append-only: removed documents stay until <see cref="LexicalIndex"/> compacts.
/// </summary>
internal sealed partial class PostingList
{
    public const int BlockSize = 64;

    private byte[] _bytes = new byte[8];
    private int[] _blockFirstDoc = new int[1];
    private int[] _blockOffset = new int[1];

    public int Count { get; private set; }

    public int LastDoc { get; private set; } = -1;

    /// <summary>The largest twice-frequency in the list (the score bound uses it).</summary>
    public int MaxTwiceFrequency { get; private set; }

    /// <summary>The shortest document length in the list (the score bound uses it).</summary>
    public int MinLength { get; private set; } = int.MaxValue;

    public int ByteLength { get; private set; }

    public int BlockCount => (Count + BlockSize - 1) / BlockSize;

    public long MemoryBytes => _bytes.Length + ((long)_blockFirstDoc.Length * sizeof(int) * 2) + 40;

    public void Append(int doc, int twiceFrequency, int length)
    {
        if (doc <= LastDoc)
        {
            throw new ArgumentOutOfRangeException(nameof(doc), "Documents are appended in increasing order.");
        }

        if (Count % BlockSize == 0)
        {
            var block = Count / BlockSize;
            if (block == _blockFirstDoc.Length)
            {
                Array.Resize(ref _blockFirstDoc, block * 2);
                Array.Resize(ref _blockOffset, block * 2);
            }

            _blockFirstDoc[block] = doc;
            _blockOffset[block] = ByteLength;
            WriteVarint(0);
        }
        else
        {
            WriteVarint((uint)(doc - LastDoc));
        }

        WriteVarint((uint)twiceFrequency);
        LastDoc = doc;
        Count++;
        MaxTwiceFrequency = Math.Max(MaxTwiceFrequency, twiceFrequency);
        MinLength = Math.Min(MinLength, length);
    }

    /// <summary>Sets <see cref="MinLength"/> from the documents' lengths (after a bulk load, when lengths were not known while appending).</summary>
    public void RecomputeMinLength(int[] lengths)
    {
        MinLength = int.MaxValue;
        var cursor = new PostingCursor(this);
        while (cursor.Next())
        {
            MinLength = Math.Min(MinLength, lengths[cursor.Doc]);
        }
    }

    /// <summary>Reads the posting at <paramref name="offset"/> (of index <paramref name="index"/>, after document <paramref name="previous"/>).</summary>
    public (int Doc, int TwiceFrequency, int Next) Read(int index, int offset, int previous)
    {
        var gap = ReadVarint(ref offset);
        var doc = index % BlockSize == 0 ? _blockFirstDoc[index / BlockSize] : previous + (int)gap;
        var twice = (int)ReadVarint(ref offset);
        return (doc, twice, offset);
    }

    /// <summary>The last block whose first document is at most <paramref name="target"/>, searched from <paramref name="fromBlock"/>.</summary>
    public int BlockFor(int target, int fromBlock)
    {
        int lo = fromBlock, hi = BlockCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_blockFirstDoc[mid] <= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    public int BlockOffset(int block) => _blockOffset[block];

    public int BlockFirstDoc(int block) => _blockFirstDoc[block];

    private void WriteVarint(uint value)
    {
        if (ByteLength + 5 > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, 16));
        }

        while (value >= 0x80)
        {
            _bytes[ByteLength++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _bytes[ByteLength++] = (byte)value;
    }

    private uint ReadVarint(ref int offset)
    {
        uint value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _bytes[offset++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }
}

/// <summary>A position in a <see cref="PostingList"/>: <see cref="Doc"/> is <see cref="int.MaxValue"/> past the end.</summary>
internal struct PostingCursor(PostingList list)
{
    private int _index = -1;
    private int _offset;

    public int Doc { get; private set; } = -1;

    public int TwiceFrequency { get; private set; }

    public bool Next()
    {
        _index++;
        if (_index >= list.Count)
        {
            Doc = int.MaxValue;
            return false;
        }

        (Doc, TwiceFrequency, _offset) = list.Read(_index, _offset, Doc);
        return true;
    }

    /// <summary>Moves to the first posting at or after <paramref name="target"/>, jumping whole blocks through the skip table.</summary>
    public void Advance(int target)
    {
        if (Doc >= target)
        {
            return;
        }

        var current = Math.Max(0, _index) / PostingList.BlockSize;
        var block = list.BlockFor(target, current);
        if (block > current)
        {
            _index = (block * PostingList.BlockSize) - 1;
            _offset = list.BlockOffset(block);
        }

        while (Next() && Doc < target)
        {
        }
    }
}
