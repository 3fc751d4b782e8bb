namespace ChatBot.Worker.Health;

/// <summary>
/// The body of GET /health: "ready" (HTTP 200) when the database answers and every chat platform runs; "degraded" (503)
/// when a platform was stopped by a fatal error (<see cref="StoppedPlatforms"/>, see <c>PlatformStatus</c>); "unavailable"
/// (503) when the database does not answer.
/// </summary>
/// <param name="DatabaseChunks">Chunks in the database (null when it did not answer).</param>
/// <param name="IndexChunks">Chunk vectors loaded in this replica's memory.</param>
/// <param name="StoppedPlatforms">Chat platforms stopped for good by a fatal error, with the reason.</param>
public sealed record HealthReport(string Status, bool DatabaseReachable, int? DatabaseChunks, int IndexChunks, long IndexBytes, IReadOnlyDictionary<string, string> StoppedPlatforms)
{
    public bool Healthy => DatabaseReachable && StoppedPlatforms.Count == 0;
}
