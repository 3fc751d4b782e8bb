using System.Diagnostics;
using System.Numerics.Tensors;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Index;

/// <summary>The scans of <see cref="VectorIndex"/>: the int8 pre-filter with float re-scoring, and the exact float scan.</summary>
public sealed partial class VectorIndex
{
    /// <summary>Vectors per core below which one thread scans everything (splitting costs more than it saves).</summary>
    public const int SlotsPerWorker = 25_000;

    /// <summary>
    /// Candidates per wanted result that the int8 pre-filter passes on to the float re-scoring. 4 × 50 = 200 keeps
    /// the top 10 equal to the exact scan's for all but a fraction of a percent of queries (bench: recall@10 vs exact).
    /// </summary>
    public const int RescoreFactor = 4;

    /// <summary>
    /// From this many vectors on, the int8 scan itself is preceded by a scan of the sign bits (<see cref="SignBits"/>, an
    /// eighth of the codes' bytes) for the best <see cref="BitsFactor"/> × k (at least 1 in <see cref="BitsShare"/>) candidates, whose codes are then scored: at a
    /// million vectors the codes alone are 384 MB to read per search. Below it the bits are not used: at 100,000 the pool
    /// that keeps SciFact's recall@10 loss under 0.5 % (256 × k = 12,800; 64 × k loses 1.4 %) costs as much as scanning every
    /// code, its codes being scattered reads (session 6, bench and vector micro-bench).
    /// </summary>
    public const int BitsFrom = 300_000;

    /// <summary>
    /// Candidates per wanted result that the sign-bit scan passes on to the int8 scoring, at least (64 × 50 = 3,200); and
    /// at least one vector in <see cref="BitsShare"/> (31,250 at a million): the bits only have to keep the true best
    /// inside that pool, and scoring its codes is a thirty-second of the full int8 scan.
    /// </summary>
    public const int BitsFactor = 64;

    /// <summary>The pool of the sign-bit scan is at least the index size divided by this.</summary>
    public const int BitsShare = 32;

    /// <summary><see cref="BitsShare"/>, changed by the micro-bench to measure other pools.</summary>
    internal int BitsShareCount { get; set; } = BitsShare;

    /// <summary><see cref="BitsFactor"/>, changed by the micro-bench to measure other pools.</summary>
    internal int BitsFactorCount { get; set; } = BitsFactor;

    /// <summary><see cref="BitsFrom"/>, lowered by tests.</summary>
    internal int BitsFromCount { get; set; } = BitsFrom;


    private delegate void RangeScan(int from, int to, ref TopK heap);

    /// <summary>
    /// The <paramref name="limit"/> chunks of <paramref name="library"/> most similar to the query, best first (equal
    /// similarities: the chunk added first). The int8 codes are scanned for the best <see cref="RescoreFactor"/> ×
    /// <paramref name="limit"/> candidates, which are re-scored with the float vectors: the similarities returned are
    /// exact, the selection is exact unless a true top result ranks below that pool by its codes. Each scan keeps a
    /// bounded min-heap per worker and allocates nothing per vector; from 2 × <see cref="SlotsPerWorker"/> vectors it
    /// is split across the cores and the heaps are merged.
    /// </summary>
    public IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)> Search(ReadOnlySpan<float> query, string library, int limit) =>
        Search(query, library, limit, quantised: true, null);

    /// <summary><see cref="Search(ReadOnlySpan{float}, string, int)"/>, with the time of each stage written to <paramref name="timings"/>.</summary>
    internal IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)> Search(ReadOnlySpan<float> query, string library, int limit, VectorSearchTimings timings) =>
        Search(query, library, limit, quantised: true, timings);

    /// <summary>The same selection from the float vectors alone (every vector of the library scored exactly): the reference the pre-filter is measured against.</summary>
    public IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)> SearchExact(ReadOnlySpan<float> query, string library, int limit) =>
        Search(query, library, limit, quantised: false, null);

    private (long ChunkId, long ArticleId, float Similarity)[] Search(ReadOnlySpan<float> query, string library, int limit, bool quantised, VectorSearchTimings? timings)
    {
        if (query.Length != _dimensions || limit <= 0)
        {
            return [];
        }

        var queryCopy = query.ToArray();
        _lock.EnterReadLock();
        try
        {
            if (!_libraryKeys.TryGetValue(library, out var key))
            {
                return [];
            }

            var pool = limit * RescoreFactor;
            IEnumerable<(int Slot, float Similarity)> best;
            if (!quantised || _count <= pool)
            {
                best = Merge(ScanAll(limit, (int from, int to, ref TopK heap) => ScanFloats(queryCopy, key, from, to, ref heap)), limit);
            }
            else
            {
                var codes = new sbyte[_dimensions];
                Int8Codes.Quantize(queryCopy, codes);
                var bitsPool = Math.Max(limit * BitsFactorCount, _count / BitsShareCount);
                var stage = Stopwatch.GetTimestamp();
                TopK[] candidates;
                if (_count >= BitsFromCount && _count > bitsPool)
                {
                    candidates = [LegacyBitsHeap ? HeapBitsPrefilter(codes, key, bitsPool, pool, timings) : SignBitPrefilter(codes, key, bitsPool, pool, timings)];
                }
                else
                {
                    candidates = ScanAll(pool, (int from, int to, ref TopK heap) => ScanCodes(codes, key, from, to, ref heap));
                    timings?.CodesMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
                }

                stage = Stopwatch.GetTimestamp();
                var rescored = new TopK(limit);
                var buffer = new float[_dimensions];
                foreach (var (slot, _) in candidates.SelectMany(h => h.Items()))
                {
                    rescored.Offer(slot, TensorPrimitives.Dot(queryCopy, Vector(slot, buffer)));
                }

                best = Merge([rescored], limit).ToArray();
                timings?.RescoreMs = Stopwatch.GetElapsedTime(stage).TotalMilliseconds;
            }

            return best.Select(x => (_chunkIds[x.Slot], _articleIds[x.Slot], x.Similarity)).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private TopK[] ScanAll(int heapSize, RangeScan scan)
    {
        var count = _count;
        var workers = Math.Clamp(count / SlotsPerWorker, 1, Environment.ProcessorCount);
        var heaps = new TopK[workers];
        if (workers == 1)
        {
            heaps[0] = new TopK(heapSize);
            scan(0, count, ref heaps[0]);
            return heaps;
        }

        var per = (count + workers - 1) / workers;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var heap = new TopK(heapSize);
            scan(w * per, Math.Min(count, (w + 1) * per), ref heap);
            heaps[w] = heap;
        });
        return heaps;
    }

    private static IEnumerable<(int Slot, float Similarity)> Merge(TopK[] heaps, int limit) =>
        heaps.SelectMany(h => h.Items()).OrderByDescending(x => x.Similarity).ThenBy(x => x.Slot).Take(limit);

    private void ScanFloats(float[] query, int library, int from, int to, ref TopK heap)
    {
        if (_file is not null)
        {
            // From the file in blocks of FileScanSlots vectors (read, not mapped: the scan stays out of the working set).
            var block = new float[FileScanSlots * _dimensions];
            for (var start = from; start < to; start += FileScanSlots)
            {
                var end = Math.Min(to, start + FileScanSlots);
                _file.Read(start, block.AsSpan(0, (end - start) * _dimensions));
                ScanFloats(query, library, start, end, block, ref heap);
            }

            return;
        }

        ScanFloats(query, library, from, to, _vectors.AsSpan(from * _dimensions, (to - from) * _dimensions), ref heap);
    }

    private const int FileScanSlots = 2048;

    private void ScanFloats(float[] query, int library, int from, int to, ReadOnlySpan<float> vectors, ref TopK heap)
    {
        for (var slot = from; slot < to; slot++, vectors = vectors[_dimensions..])
        {
            if (_libraries[slot] != library)
            {
                continue;
            }

            var similarity = TensorPrimitives.Dot(query, vectors[.._dimensions]);
            if (similarity > heap.Worst || !heap.IsFull)
            {
                heap.Offer(slot, similarity);
            }
        }
    }

    /// <summary>Ranks by scale · integer dot (the query's own scale is common to all slots and left out).</summary>
    private void ScanCodes(sbyte[] query, int library, int from, int to, ref TopK heap)
    {
        var codes = _codes.AsSpan(from * _dimensions, (to - from) * _dimensions);
        for (var slot = from; slot < to; slot++, codes = codes[_dimensions..])
        {
            if (_libraries[slot] != library)
            {
                continue;
            }

            var similarity = _scales[slot] * Int8Codes.Dot(query, codes[.._dimensions]);
            if (similarity > heap.Worst || !heap.IsFull)
            {
                heap.Offer(slot, similarity);
            }
        }
    }
}
