namespace ChatBot.Worker.Health;

/// <summary>The body of GET /health: "ready" (HTTP 200) when the database answers, else "unavailable" (503).</summary>
/// <param name="DatabaseChunks">Chunks in the database (null when it did not answer).</param>
/// <param name="IndexChunks">Chunk vectors loaded in this replica's memory.</param>
public sealed record HealthReport(string Status, bool DatabaseReachable, int? DatabaseChunks, int IndexChunks, long IndexBytes);
