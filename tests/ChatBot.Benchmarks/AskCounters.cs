using ChatBot.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// What the timed asks did, counted rather than timed (the machine is shared, so these are the figures to compare
/// builds by): texts the model encoded (one per search: a question read for a typo after its search is searched, and so
/// encoded, twice), garbage collections that happened during an ask, and bytes allocated per ask (every thread).
/// </summary>
public sealed class AskCounters(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    private readonly MiniLmEmbeddingGenerator? _model = embeddings.GetService<MiniLmEmbeddingGenerator>();
    private readonly int[] _collections = new int[3];
    private long _encoded;
    private long _allocated;
    private int _asks;
    private (long Encoded, long Allocated, int Gen0, int Gen1, int Gen2) _start;

    public void Start() => _start = (_model?.TextsEncoded ?? 0, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public void Stop()
    {
        _asks++;
        _encoded += (_model?.TextsEncoded ?? 0) - _start.Encoded;
        _allocated += GC.GetTotalAllocatedBytes() - _start.Allocated;
        _collections[0] += GC.CollectionCount(0) - _start.Gen0;
        _collections[1] += GC.CollectionCount(1) - _start.Gen1;
        _collections[2] += GC.CollectionCount(2) - _start.Gen2;
    }

    public BenchmarkRow Row() => new(
        $"  the {_asks} shipped asks counted: texts encoded / GCs during them (gen0 / gen1 / gen2) / allocated per ask",
        $"{(_model is null ? "n/a" : _encoded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} / {_collections[0]} / {_collections[1]} / {_collections[2]} / {F(_allocated / 1024.0 / Math.Max(1, _asks), "F0")} KB",
        string.Empty);
}
