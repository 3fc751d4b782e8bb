using System.Numerics.Tensors;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Embeddings;

namespace ChatBot.Tests.Retrieval.Embeddings;

public sealed class SentenceVectorsTests
{
    private static readonly TextSpan[] Spans = [new(0, 20), new(21, 30), new(52, 10)];

    private static float[] RandomUnit(Random random, int dimensions = 384)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    [Fact]
    public void Cosine_StoredInt8_IsWithinRoundingOfTheFloatCosine_AndEqualsInt8Cosine()
    {
        var random = new Random(7);
        var sentences = Spans.Select(_ => RandomUnit(random)).ToArray();
        var query = RandomUnit(random);
        var near = sentences[1].Select((x, i) => x + (0.3f * query[i])).ToArray();
        sentences[1] = near;

        var stored = SentenceVectors.Decode(SentenceVectors.Encode(sentences.Select(s => (ReadOnlyMemory<float>?)s).ToList()), Spans)!;

        Assert.Equal(3, stored.Count);
        for (var i = 0; i < Spans.Length; i++)
        {
            var exact = TensorPrimitives.CosineSimilarity(query, sentences[i]);
            var cosine = stored.Cosine(Spans[i], query);
            Assert.NotNull(cosine);
            Assert.InRange(cosine!.Value - exact, -0.01f, 0.01f);
            Assert.Equal(SentenceVectors.Int8Cosine(query, sentences[i]), cosine.Value);
            Assert.Equal(cosine, stored.Cosine(i, query));
        }

        Assert.True(stored.Cosine(Spans[1], query) > 0.2f);
    }

    [Fact]
    public void Encode_TakesFourBytesOfScaleAndOneByteADimensionPerSentence()
    {
        var random = new Random(1);

        var encoded = SentenceVectors.Encode([RandomUnit(random), RandomUnit(random)]);

        Assert.Equal(3 + (2 * (4 + 384)), encoded.Length);
    }

    [Fact]
    public void Cosine_SentenceWithoutVector_OrSpanNotOfTheChunk_IsNull()
    {
        var random = new Random(3);
        var query = RandomUnit(random);
        var stored = SentenceVectors.Decode(SentenceVectors.Encode([RandomUnit(random), null, RandomUnit(random)]), Spans)!;

        Assert.NotNull(stored.Cosine(Spans[0], query));
        Assert.Null(stored.Cosine(Spans[1], query));
        Assert.Null(stored.Cosine(new TextSpan(0, 19), query));
        Assert.Null(stored.Cosine(Spans[0], RandomUnit(random, 16)));
    }

    [Fact]
    public void Decode_NothingStored_OtherSentenceCount_OrUnknownFormat_IsNull()
    {
        var random = new Random(5);
        var two = SentenceVectors.Encode([RandomUnit(random), RandomUnit(random)]);
        var unknown = (byte[])two.Clone();
        unknown[0] = 9;

        Assert.Null(SentenceVectors.Decode(null, Spans));
        Assert.Null(SentenceVectors.Decode([], Spans));
        Assert.Null(SentenceVectors.Decode(two, Spans));
        Assert.Null(SentenceVectors.Decode(unknown, Spans[..2]));
        Assert.NotNull(SentenceVectors.Decode(two, Spans[..2]));
    }

    [Fact]
    public void Encode_VectorsOfDifferentDimensions_Throws()
    {
        var random = new Random(9);

        Assert.Throws<ArgumentException>(() => SentenceVectors.Encode([RandomUnit(random), RandomUnit(random, 16)]));
    }

    [Fact]
    public void Input_FoldsWhiteSpaceOfAJoinedLine()
    {
        const string text = "First sentence here.\nIt goes on  over\nlines. Last.";

        Assert.Equal("It goes on over lines.", SentenceVectors.Input(text, new TextSpan(21, 23)));
    }
}
