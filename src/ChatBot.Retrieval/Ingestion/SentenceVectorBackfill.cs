using System.Diagnostics;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// How chunks stored before sentence vectors were kept (migration 0005) get theirs: after start-up, in the background,
/// their sentences are encoded in batches of <see cref="BatchChunks"/> (the bulk session) and stored, each only while the
/// chunk still holds that text. One replica at a time (a lease); until a chunk has its vectors the answer stage encodes
/// its best sentences at ask time, as before. Off with <c>Ingestion:SentenceVectors</c> false.
/// </summary>
public sealed class SentenceVectorBackfill(
    IArticleStore store,
    SentenceVectorEncoder encoder,
    IOptions<IngestionOptions> options,
    ILogger<SentenceVectorBackfill> logger,
    ILeaseStore? leases = null) : BackgroundService
{
    public const int BatchChunks = 64;

    private const string LeaseKey = "sentence-vectors:backfill";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);
    private readonly string _holder = Guid.NewGuid().ToString("N");

    /// <summary>Chunks given sentence vectors by this process so far.</summary>
    public int Backfilled { get; private set; }

    /// <summary>Backfills every chunk without sentence vectors; returns how many got theirs (0 when another replica holds the lease).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SentenceVectors || store is not ArticleStore articles)
        {
            return 0;
        }

        var watch = Stopwatch.StartNew();
        var done = 0;
        var after = 0L;
        var held = false;
        while (true)
        {
            var chunks = await articles.ReadChunksWithoutSentenceVectorsAsync(after, BatchChunks, cancellationToken);
            if (chunks.Count == 0)
            {
                break;
            }

            if (leases is not null && !(held = await leases.TryAcquireAsync(LeaseKey, _holder, LeaseTime, cancellationToken)))
            {
                return done;
            }

            var encoded = await encoder.EncodeAsync(chunks.Select(c => new ChunkDraft(c.Ordinal, c.Text, c.Start, c.Sentences)).ToList(), cancellationToken);
            done += await articles.StoreSentenceVectorsAsync(chunks.Select((c, i) => (c, encoded[i])).ToList(), cancellationToken);
            Backfilled = done;
            after = chunks[^1].Id;
        }

        if (held && leases is not null)
        {
            await leases.ReleaseAsync(LeaseKey, _holder, cancellationToken);
        }

        if (done > 0)
        {
            RetrievalLog.SentenceVectorsBackfilled(logger, done, watch.ElapsedMilliseconds);
        }

        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            // A failed backfill must not stop the bot: answers encode what has no stored vectors, and the next start retries.
            RetrievalLog.SentenceVectorBackfillFailed(logger, ex);
        }
    }
}
