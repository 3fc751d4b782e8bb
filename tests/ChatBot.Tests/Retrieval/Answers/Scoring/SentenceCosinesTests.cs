using System.Numerics.Tensors;
using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Tests.Retrieval.Answers.Scoring;

public sealed class SentenceCosinesTests
{
    [Fact]
    public void Cosine_OfInt8Codes_IsCloseToTheFloatCosine_AndIgnoresTheScale()
    {
        var random = new Random(7);
        var query = Enumerable.Range(0, 384).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var sentence = query.Select(q => q + (float)((random.NextDouble() * 2) - 1)).ToArray();
        var exact = TensorPrimitives.CosineSimilarity(query, sentence);

        var codes = SentenceCosines.Codes(sentence);
        var doubled = SentenceCosines.Codes(sentence.Select(x => x * 2).ToArray());

        Assert.InRange(SentenceCosines.Cosine(query, codes), exact - 0.01, exact + 0.01);
        Assert.Equal(codes, doubled);
        Assert.Equal(0, SentenceCosines.Cosine(query, new sbyte[384]));
    }
}
