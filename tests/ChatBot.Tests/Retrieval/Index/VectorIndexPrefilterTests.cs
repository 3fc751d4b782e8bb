using System.Numerics;
using ChatBot.Retrieval.Index;

namespace ChatBot.Tests.Retrieval.Index;

/// <summary>
/// The sign-bit pre-filter (VectorIndex.Prefilter.cs) against a brute-force reference of its definition: the pool is
/// the vectors nearest by sign bits (ties: the earlier slot), its best by int8 codes are re-scored in float.
/// </summary>
public sealed class VectorIndexPrefilterTests
{
    private const int Dimensions = 64;

    [Theory]
    [InlineData("local", 10)]
    [InlineData("local", 50)]
    [InlineData("small", 10)]
    public void Search_SignBitPool_EqualsTheReferenceAcrossWorkersWithTies(string library, int limit)
    {
        // Few distinct component values, so many vectors share a distance at the pool's edge (ties across both workers),
        // and a small library (fewer vectors than the pool) spread through the array.
        var random = new Random(5);
        using var index = new VectorIndex(Dimensions) { BitsFromCount = 1_000 };
        var vectors = new List<(float[] Vector, string Library)>();
        for (var i = 0; i < (2 * VectorIndex.SlotsPerWorker) + 777; i++)
        {
            var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)random.Next(-3, 4)).ToArray();
            var name = i % 500 == 3 ? "small" : "local";
            vectors.Add((vector, name));
            index.Add(1000 + i, i, name, vector);
        }

        for (var q = 0; q < 5; q++)
        {
            var query = Enumerable.Range(0, Dimensions).Select(_ => (float)random.Next(-3, 4)).ToArray();

            var actual = index.Search(query, library, limit);

            Assert.Equal(Reference(vectors, query, library, limit), actual.Select(h => (h.ChunkId, h.Similarity)));
        }
    }

    private static List<(long ChunkId, float Similarity)> Reference(List<(float[] Vector, string Library)> vectors, float[] query, string library, int limit)
    {
        var queryCodes = new sbyte[Dimensions];
        Int8Codes.Quantize(query, queryCodes);
        var queryBits = Bits(queryCodes);
        var slots = Enumerable.Range(0, vectors.Count).Where(s => vectors[s].Library == library).Select(s =>
        {
            var codes = new sbyte[Dimensions];
            var scale = Int8Codes.Quantize(vectors[s].Vector, codes);
            return (Slot: s, Distance: BitOperations.PopCount(Bits(codes) ^ queryBits), Int8: scale * Int8Codes.Dot(queryCodes, codes));
        });
        var bitsPool = Math.Max(limit * VectorIndex.BitsFactor, vectors.Count / VectorIndex.BitsShare);
        return slots.OrderBy(s => s.Distance).ThenBy(s => s.Slot).Take(bitsPool)
            .OrderByDescending(s => s.Int8).ThenBy(s => s.Slot).Take(limit * VectorIndex.RescoreFactor)
            .Select(s => (ChunkId: 1000L + s.Slot, Similarity: vectors[s.Slot].Vector.Zip(query, (a, b) => a * b).Sum()))
            .OrderByDescending(s => s.Similarity).ThenBy(s => s.ChunkId).Take(limit).ToList();
    }

    private static ulong Bits(sbyte[] codes)
    {
        var bits = new ulong[1];
        SignBits.FromCodes(codes, bits);
        return bits[0];
    }
}
