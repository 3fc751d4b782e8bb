using System.Numerics;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// One bit per dimension, set when the component is positive (taken from the int8 codes, so the two never disagree): 48
/// bytes for a 384-dimension vector, an eighth of its codes. The Hamming distance between two sign vectors estimates
/// the angle between the vectors, so a scan of the bits is a coarse first pre-filter on very large indexes.
/// </summary>
internal static class SignBits
{
    public static int Words(int dimensions) => (dimensions + 63) / 64;

    public static void FromCodes(ReadOnlySpan<sbyte> codes, Span<ulong> bits)
    {
        bits.Clear();
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] > 0)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    /// <summary>Dimensions whose signs agree minus those whose signs differ (higher = closer).</summary>
    public static float Agreement(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int dimensions)
    {
        var differ = 0;
        for (var w = 0; w < a.Length; w++)
        {
            differ += BitOperations.PopCount(a[w] ^ b[w]);
        }

        return dimensions - (2 * differ);
    }
}
