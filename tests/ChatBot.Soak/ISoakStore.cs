namespace ChatBot.Soak;

/// <summary>
/// A store that the soak's hosts and child workers write to and that the harness checks afterwards: a SQLite data
/// folder, or a fresh database on the run's PostgreSQL server.
/// </summary>
public interface ISoakStore
{
    SoakStorage Storage { get; }

    /// <summary>The "--Storage:…=…" settings that point a host or a `dotnet ChatBot.Worker.dll` child at this store.</summary>
    IReadOnlyList<string> Settings { get; }

    /// <summary>How many articles the store holds (0 while it does not exist yet).</summary>
    Task<long> CountArticlesAsync(CancellationToken cancellationToken);

    /// <summary>Checks the store; <paramref name="vectorIndexCounts"/> are the hosts' in-memory index sizes (null: none to compare).</summary>
    Task<StoreCheck> CheckAsync(IReadOnlyList<int>? vectorIndexCounts, CancellationToken cancellationToken);

    /// <summary>The bot's digest_posts rows for a channel, in slot order, read on a connection of their own.</summary>
    Task<IReadOnlyList<DigestRow>> ReadDigestRowsAsync(string platform, string channel, CancellationToken cancellationToken);

    /// <summary>When the configured schedule was written at start (its slots count from there), or null before that.</summary>
    Task<DateTimeOffset?> ReadDigestScheduleStartAsync(string platform, string channel, CancellationToken cancellationToken);
}
