using System.Data.Common;
using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>Which errors fail one source of an ingest, reported in its result, while the other sources go on.</summary>
public static class IngestFailure
{
    /// <summary>
    /// The source could not be read, fetched or stored: <see cref="IngestionException"/>, a database error, or an I/O
    /// error. Cancellation and programming errors still stop the ingest.
    /// </summary>
    public static bool IsSourceFailure(Exception exception) =>
        exception is IngestionException or DbException or IOException or UnauthorizedAccessException or InvalidDataException;
}
