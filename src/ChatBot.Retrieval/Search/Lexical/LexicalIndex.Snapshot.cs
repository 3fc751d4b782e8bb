using System.Runtime.InteropServices;
using ChatBot.Retrieval.Index;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// The cold-start snapshot of <see cref="LexicalIndex"/>: the index as it is in memory (tokens, documents, compressed
/// posting lists with their skip tables) written to a stream and read back in one sequential pass, instead of the
/// pass over FTS5's <c>fts5vocab</c> instances that rebuilds it. It carries the store's <see cref="IndexFingerprint"/>
/// and is read only for the same fingerprint.
/// </summary>
public sealed partial class LexicalIndex
{
    private const int SnapshotFormat = 3;
    private static readonly byte[] SnapshotMagic = "CBLX"u8.ToArray();

    /// <summary>The store's chunk count and highest chunk id as this index sees them (live rows).</summary>
    public IndexFingerprint Fingerprint => Read(() =>
    {
        long max = 0;
        for (var doc = 0; doc < _docs; doc++)
        {
            max = _dead[doc] ? max : Math.Max(max, _chunkIds[doc]);
        }

        return new IndexFingerprint(_rows, max);
    });

    /// <summary>Writes the whole index with <paramref name="fingerprint"/>.</summary>
    public void Save(Stream stream, IndexFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _lock.EnterReadLock();
        try
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(SnapshotMagic);
            writer.Write(SnapshotFormat);
            writer.Write(fingerprint.Chunks);
            writer.Write(fingerprint.MaxChunkId);
            writer.Write(fingerprint.NewestWrite);
            writer.Write(_docs);
            writer.Write(_deadDocs);
            writer.Write(_rows);
            writer.Write(_tokens);
            writer.Write(MemoryMarshal.AsBytes(_chunkIds.AsSpan(0, _docs)));
            writer.Write(MemoryMarshal.AsBytes(_articleIds.AsSpan(0, _docs)));
            writer.Write(MemoryMarshal.AsBytes(_lengths.AsSpan(0, _docs)));
            writer.Write(MemoryMarshal.AsBytes(_dead.AsSpan(0, _docs)));
            writer.Write(MemoryMarshal.AsBytes(_libraryOf.AsSpan(0, _docs)));
            writer.Write(_tokenIds.Count);
            foreach (var (token, _) in _tokenIds.OrderBy(t => t.Value))
            {
                writer.Write(token);
            }

            writer.Write(_libraryKeys.Count);
            foreach (var (library, key) in _libraryKeys.OrderBy(l => l.Value))
            {
                writer.Write(library);
                writer.Write(_lists[key].Count);
                foreach (var (token, list) in _lists[key])
                {
                    writer.Write(token);
                    list.Write(writer);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Replaces the index with a snapshot taken at <paramref name="fingerprint"/>; false (index untouched) for another fingerprint or a damaged snapshot.</summary>
    public bool TryLoad(Stream stream, IndexFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(SnapshotMagic.Length).AsSpan().SequenceEqual(SnapshotMagic) || reader.ReadInt32() != SnapshotFormat
                || new IndexFingerprint(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64()) != fingerprint)
            {
                return false;
            }

            var (docs, deadDocs, rows, tokens) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64());
            var capacity = Math.Max(1024, docs);
            var (chunkIds, articleIds, lengths, dead, libraryOf) = (new long[capacity], new long[capacity], new int[capacity], new bool[capacity], new int[capacity]);
            stream.ReadExactly(MemoryMarshal.AsBytes(chunkIds.AsSpan(0, docs)));
            stream.ReadExactly(MemoryMarshal.AsBytes(articleIds.AsSpan(0, docs)));
            stream.ReadExactly(MemoryMarshal.AsBytes(lengths.AsSpan(0, docs)));
            stream.ReadExactly(MemoryMarshal.AsBytes(dead.AsSpan(0, docs)));
            stream.ReadExactly(MemoryMarshal.AsBytes(libraryOf.AsSpan(0, docs)));
            var tokenNames = new string[reader.ReadInt32()];
            for (var i = 0; i < tokenNames.Length; i++)
            {
                tokenNames[i] = reader.ReadString();
            }

            var libraries = new (string Name, Dictionary<int, PostingList> Lists)[reader.ReadInt32()];
            for (var key = 0; key < libraries.Length; key++)
            {
                var name = reader.ReadString();
                var count = reader.ReadInt32();
                var lists = new Dictionary<int, PostingList>(count);
                for (var i = 0; i < count; i++)
                {
                    var token = reader.ReadInt32();
                    lists[token] = PostingList.Read(reader);
                }

                libraries[key] = (name, lists);
            }

            _lock.EnterWriteLock();
            try
            {
                Reset();
                (_chunkIds, _articleIds, _lengths, _dead, _libraryOf) = (chunkIds, articleIds, lengths, dead, libraryOf);
                (_docs, _deadDocs, _rows, _tokens) = (docs, deadDocs, rows, tokens);
                for (var i = 0; i < tokenNames.Length; i++)
                {
                    _tokenIds[tokenNames[i]] = i;
                }

                foreach (var (name, lists) in libraries)
                {
                    _libraryKeys[name] = _lists.Count;
                    _lists.Add(lists);
                    _libraryRows.Add(0);
                }

                _docByChunk.EnsureCapacity(docs);
                for (var doc = 0; doc < docs; doc++)
                {
                    if (dead[doc])
                    {
                        continue;
                    }

                    _docByChunk[chunkIds[doc]] = doc;
                    _libraryRows[libraryOf[doc]]++;
                    if (!_docsByArticle.TryGetValue(articleIds[doc], out var ofArticle))
                    {
                        _docsByArticle[articleIds[doc]] = ofArticle = [];
                    }

                    ofArticle.Add(doc);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Empties the index (the caller holds the write lock).</summary>
    private void Reset()
    {
        _tokenIds.Clear();
        _libraryKeys.Clear();
        _lists.Clear();
        _docByChunk.Clear();
        _docsByArticle.Clear();
        _frequencyCache.Clear();
        _libraryRows.Clear();
        _docs = _deadDocs = 0;
        _rows = _tokens = 0;
    }
}
