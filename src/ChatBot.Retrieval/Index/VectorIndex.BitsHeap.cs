using System.Diagnostics;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// Session 4's sign-bit pre-filter, kept as the "before" of the bench (as the exact scan is for the int8 pre-filter):
/// a bounded heap of the pool's size per worker over the bits (a 31,250-entry heap at a million vectors, refilled
/// whenever a vector beats its worst), the heaps' items sorted by slot, then every item's int8 codes scored on one
/// thread. <see cref="SignBitPrefilter"/> replaced it; <see cref="LegacyBitsHeap"/> switches back.
/// </summary>
public sealed partial class VectorIndex
{
    /// <summary>Searches with session 4's sign-bit pre-filter (the bench's before figures).</summary>
    internal bool LegacyBitsHeap { get; set; }

    private TopK HeapBitsPrefilter(sbyte[] codes, int library, int bitsPool, int pool, VectorSearchTimings? timings)
    {
        var stage = Stopwatch.GetTimestamp();
        var heaps = ScanAll(bitsPool, (int from, int to, ref TopK heap) => ScanBits(codes, library, from, to, ref heap));
        timings?.BitsScanMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        stage = Stopwatch.GetTimestamp();
        var ordered = heaps.SelectMany(h => h.Items()).OrderBy(c => c.Slot).ToArray();
        timings?.PoolMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        timings?.CodesScored = ordered.Length;
        stage = Stopwatch.GetTimestamp();
        var best = new TopK(pool);
        foreach (var (slot, _) in ordered)
        {
            best.Offer(slot, _scales[slot] * Int8Codes.Dot(codes, _codes.AsSpan(slot * _dimensions, _dimensions)));
        }

        timings?.CodesMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
        return best;
    }

    /// <summary>Ranks by the agreement of the sign bits (the query's bits from its codes, as the vectors').</summary>
    private void ScanBits(sbyte[] query, int library, int from, int to, ref TopK heap)
    {
        Span<ulong> bits = stackalloc ulong[_words];
        SignBits.FromCodes(query, bits);
        for (var slot = from; slot < to; slot++)
        {
            if (_libraries[slot] != library)
            {
                continue;
            }

            var agreement = SignBits.Agreement(bits, _bits.AsSpan(slot * _words, _words), _dimensions);
            if (agreement > heap.Worst || !heap.IsFull)
            {
                heap.Offer(slot, agreement);
            }
        }
    }
}
