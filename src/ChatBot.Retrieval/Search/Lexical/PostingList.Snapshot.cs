namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>A posting list as it is in memory (compressed bytes and skip table), for the cold-start snapshot of <see cref="LexicalIndex"/>.</summary>
internal sealed partial class PostingList
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(LastDoc);
        writer.Write(MaxTwiceFrequency);
        writer.Write(MinLength);
        writer.Write(ByteLength);
        writer.Write(_bytes, 0, ByteLength);
        for (var block = 0; block < BlockCount; block++)
        {
            writer.Write(_blockFirstDoc[block]);
            writer.Write(_blockOffset[block]);
        }
    }

    public static PostingList Read(BinaryReader reader)
    {
        var list = new PostingList
        {
            Count = reader.ReadInt32(),
            LastDoc = reader.ReadInt32(),
            MaxTwiceFrequency = reader.ReadInt32(),
            MinLength = reader.ReadInt32(),
            ByteLength = reader.ReadInt32(),
        };
        list._bytes = reader.ReadBytes(list.ByteLength);
        if (list._bytes.Length != list.ByteLength)
        {
            throw new EndOfStreamException();
        }

        var blocks = Math.Max(1, list.BlockCount);
        (list._blockFirstDoc, list._blockOffset) = (new int[blocks], new int[blocks]);
        for (var block = 0; block < list.BlockCount; block++)
        {
            list._blockFirstDoc[block] = reader.ReadInt32();
            list._blockOffset[block] = reader.ReadInt32();
        }

        return list;
    }
}
