using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Logging;

/// <summary>Retrieval log messages (event ids 3000-3999).</summary>
internal static partial class RetrievalLog
{
    [LoggerMessage(3000, LogLevel.Information, "Index ready: {Articles} articles, {Chunks} chunks in memory ({Megabytes:F1} MB) in {Milliseconds} ms")]
    public static partial void IndexLoaded(ILogger logger, int articles, int chunks, double megabytes, long milliseconds);

    [LoggerMessage(3011, LogLevel.Information, "Index ready from its snapshot {Path}: {Chunks} chunks ({Megabytes:F1} MB in memory, the floats in the vector file) in {Milliseconds} ms")]
    public static partial void IndexLoadedFromSnapshot(ILogger logger, string path, int chunks, double megabytes, long milliseconds);

    [LoggerMessage(3012, LogLevel.Information, "Cold-start snapshots written at stop: vectors {Vectors}, BM25 index {Lexical}")]
    public static partial void SnapshotsSaved(ILogger logger, bool vectors, bool lexical);

    [LoggerMessage(3001, LogLevel.Information, "Ingested {Source} ({Outcome}): {Chunks} chunks, {Embedded} embedded, {Reused} reused")]
    public static partial void Ingested(ILogger logger, string source, string outcome, int chunks, int embedded, int reused);

    [LoggerMessage(3002, LogLevel.Debug, "Unchanged, skipped: {Source}")]
    public static partial void Unchanged(ILogger logger, string source);

    [LoggerMessage(3003, LogLevel.Warning, "Could not ingest {Source}: {Error}")]
    public static partial void IngestFailed(ILogger logger, string source, string error);

    [LoggerMessage(3004, LogLevel.Information, "Seeds: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed from {Directory}")]
    public static partial void Seeded(ILogger logger, int added, int updated, int unchanged, int failed, string directory);

    [LoggerMessage(3005, LogLevel.Warning, "No seeds directory at {Directory}; nothing seeded")]
    public static partial void NoSeeds(ILogger logger, string directory);

    [LoggerMessage(3006, LogLevel.Information, "Forgot article {ArticleId} ({Source})")]
    public static partial void Forgot(ILogger logger, long articleId, string source);

    [LoggerMessage(3007, LogLevel.Information, "Ingesting {Done}/{Total}: {Source}")]
    public static partial void Progress(ILogger logger, int done, int total, string source);

    [LoggerMessage(3008, LogLevel.Debug, "Answered in {Milliseconds:F1} ms (abstained: {Abstained}, confidence {Confidence:F2})")]
    public static partial void Answered(ILogger logger, double milliseconds, bool abstained, double confidence);

    [LoggerMessage(3009, LogLevel.Debug, "Query spelling: {Words} word(s) the library does not hold read as near words of the retrieved passages")]
    public static partial void Corrected(ILogger logger, int words);

    [LoggerMessage(3030, LogLevel.Debug, "Embedding model loaded and warm in {Milliseconds} ms (before the first question)")]
    public static partial void ModelWarm(ILogger logger, long milliseconds);

    [LoggerMessage(3031, LogLevel.Warning, "Could not warm the embedding model at start (the first question loads it): {Error}")]
    public static partial void ModelWarmUpFailed(ILogger logger, string error);

    [LoggerMessage(3040, LogLevel.Information, "Sentence vectors backfilled for {Chunks} chunk(s) stored before they were kept ({Milliseconds} ms)")]
    public static partial void SentenceVectorsBackfilled(ILogger logger, int chunks, long milliseconds);

    [LoggerMessage(3041, LogLevel.Warning, "Sentence vector backfill stopped; answers encode the sentences that have none, and the next start retries")]
    public static partial void SentenceVectorBackfillFailed(ILogger logger, Exception exception);
}
