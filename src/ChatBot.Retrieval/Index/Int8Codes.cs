using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// Symmetric int8 quantisation of one vector: each component becomes round(x / scale) with scale = max |x| / 127, so
/// a dot product of two vectors is about scale_a · scale_b · (integer dot of the codes). A quarter of the float
/// bytes, so the pre-filter scan reads a quarter of the memory; candidates are re-scored in float afterwards.
/// </summary>
internal static class Int8Codes
{
    /// <summary>Writes the codes of <paramref name="vector"/> into <paramref name="codes"/> and returns its scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = TensorPrimitives.MaxMagnitude(vector);
        var absMax = Math.Abs(max);
        if (absMax == 0 || !float.IsFinite(absMax))
        {
            codes.Clear();
            return 0;
        }

        var inverse = 127f / absMax;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127, 127);
        }

        return absMax / 127f;
    }

    /// <summary>The integer dot product of two code vectors of equal length (AVX2 when the CPU has it).</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= 16)
        {
            var accumulator = Vector256<int>.Zero;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i + 16 <= a.Length; i += 16)
            {
                // Sign-extend 16 codes to 16-bit lanes, multiply and add adjacent pairs into 32-bit lanes (no overflow: |c| ≤ 127).
                var wa = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var wb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(wa, wb));
            }

            sum = Vector256.Sum(accumulator);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
