using ChatBot.Retrieval.Index;

namespace ChatBot.Tests.Retrieval.Index;

public sealed class Int8CodesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(384)]
    public void Dot_AnyLength_EqualsTheScalarSum(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8Codes.Dot(a, b));
    }

    [Fact]
    public void Quantize_EachComponentWithinHalfAStep_LargestIsPlusOrMinus127()
    {
        var random = new Random(3);
        var vector = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        vector[17] = -0.9f;
        var codes = new sbyte[vector.Length];

        var scale = Int8Codes.Quantize(vector, codes);

        Assert.Equal(0.9f / 127, scale, 1e-7f);
        Assert.Equal(-127, codes[17]);
        Assert.All(Enumerable.Range(0, vector.Length), i => Assert.InRange(vector[i] - (codes[i] * scale), -scale / 2 - 1e-6f, scale / 2 + 1e-6f));
    }

    [Fact]
    public void Quantize_ZeroVector_ZeroScaleAndCodes()
    {
        var codes = new sbyte[] { 1, 2, 3 };

        Assert.Equal(0f, Int8Codes.Quantize(new float[3], codes));
        Assert.Equal(new sbyte[3], codes);
    }
}
