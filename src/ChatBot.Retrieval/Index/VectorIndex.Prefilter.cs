using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// The sign-bit pre-filter of <see cref="VectorIndex"/> (from <see cref="BitsFrom"/> vectors): no heap over the bits.
/// Pass 1 writes every slot's Hamming distance to the query (one byte; vectors of other libraries get a mark of their
/// own) and counts the distances in a histogram per worker; the histogram gives the distance under which the pool's
/// vectors lie. Pass 2 walks the distances again and scores the int8 codes of exactly the pool — the vectors nearer
/// than that distance, and those at it in slot order until the pool is full (the order a heap would break the tie
/// in) — into a small heap of the float candidates. Both passes split the slots across the cores.
/// </summary>
public sealed partial class VectorIndex
{
    /// <summary>The distance byte of a vector of another library (never in the pool).</summary>
    private const byte OtherLibrary = byte.MaxValue;

    /// <summary>Distances clamp here: farther vectors are never needed unless the library holds fewer than the pool.</summary>
    private const int FarDistance = byte.MaxValue - 1;

    /// <summary>The best <paramref name="pool"/> by their int8 codes among the <paramref name="bitsPool"/> nearest by sign bits.</summary>
    private TopK SignBitPrefilter(sbyte[] codes, int library, int bitsPool, int pool, VectorSearchTimings? timings)
    {
        var count = _count;
        var workers = Math.Clamp(count / SlotsPerWorker, 1, Environment.ProcessorCount);
        var per = (count + workers - 1) / workers;
        var queryBits = new ulong[_words];
        SignBits.FromCodes(codes, queryBits);
        var distances = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var stage = Stopwatch.GetTimestamp();
            var histograms = new int[workers][];
            ForEachWorker(workers, w => histograms[w] = Distances(queryBits, library, w * per, Math.Min(count, (w + 1) * per), distances));
            timings?.BitsScanMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
            stage = Stopwatch.GetTimestamp();

            var (threshold, tiesPerWorker) = Threshold(histograms, bitsPool);
            timings?.PoolMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
            timings?.CodesScored = histograms.Sum(h => h.Take(threshold).Sum()) + tiesPerWorker.Sum();
            stage = Stopwatch.GetTimestamp();

            var heaps = new TopK[workers];
            ForEachWorker(workers, w => heaps[w] = ScoreCodes(codes, distances, threshold, tiesPerWorker[w], w * per, Math.Min(count, (w + 1) * per), pool));
            var merged = heaps[0];
            foreach (var (slot, similarity) in heaps.Skip(1).SelectMany(h => h.Items()))
            {
                merged.Offer(slot, similarity);
            }

            timings?.CodesMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
            return merged;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(distances);
        }
    }

    /// <summary>
    /// The distance the pool reaches (every vector nearer is in it) and, per worker in slot order, how many vectors at
    /// exactly that distance join it. A library smaller than the pool gives all its vectors.
    /// </summary>
    private static (int Threshold, int[] TiesPerWorker) Threshold(int[][] histograms, int bitsPool)
    {
        var below = 0;
        var threshold = 0;
        for (; threshold < FarDistance; threshold++)
        {
            var at = histograms.Sum(h => h[threshold]);
            if (below + at >= bitsPool)
            {
                break;
            }

            below += at;
        }

        var left = bitsPool - below;
        var ties = new int[histograms.Length];
        for (var w = 0; w < histograms.Length; w++)
        {
            ties[w] = Math.Min(left, histograms[w][threshold]);
            left -= ties[w];
        }

        return (threshold, ties);
    }

    /// <summary>Pass 1 over slots [from, to): the Hamming distance of each to the query's sign bits, and their histogram.</summary>
    private int[] Distances(ulong[] query, int library, int from, int to, byte[] distances)
    {
        var histogram = new int[byte.MaxValue + 1];
        var words = _words;
        ref var bits = ref MemoryMarshal.GetArrayDataReference(_bits);
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        for (var slot = from; slot < to; slot++)
        {
            var distance = OtherLibrary;
            if (_libraries[slot] == library)
            {
                ref var vector = ref Unsafe.Add(ref bits, (nint)slot * words);
                var differ = 0;
                for (var w = 0; w < words; w++)
                {
                    differ += BitOperations.PopCount(Unsafe.Add(ref q, w) ^ Unsafe.Add(ref vector, w));
                }

                distance = (byte)Math.Min(differ, FarDistance);
            }

            distances[slot] = distance;
            histogram[distance]++;
        }

        return histogram;
    }

    /// <summary>Pass 2 over slots [from, to): the int8 scores of the pool's vectors (nearer than the threshold, or at it while <paramref name="ties"/> last).</summary>
    private TopK ScoreCodes(sbyte[] query, byte[] distances, int threshold, int ties, int from, int to, int pool)
    {
        var heap = new TopK(pool);
        for (var slot = from; slot < to; slot++)
        {
            var distance = distances[slot];
            if (distance > threshold || (distance == threshold && ties-- <= 0))
            {
                continue;
            }

            var similarity = _scales[slot] * Int8Codes.Dot(query, _codes.AsSpan(slot * _dimensions, _dimensions));
            if (similarity > heap.Worst || !heap.IsFull)
            {
                heap.Offer(slot, similarity);
            }
        }

        return heap;
    }

    private static void ForEachWorker(int workers, Action<int> work)
    {
        if (workers == 1)
        {
            work(0);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, work);
    }
}
