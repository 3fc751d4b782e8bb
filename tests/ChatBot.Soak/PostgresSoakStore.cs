namespace ChatBot.Soak;

/// <summary>
/// A fresh database on the run's PostgreSQL server (Storage:Provider=Postgres). Each host keeps its own data folder
/// (Discord's command hash only); replicas pick up each other's articles through the change log, polled every second.
/// </summary>
public sealed class PostgresSoakStore(string connectionString, int maxPoolSize) : ISoakStore
{
    public SoakStorage Storage => SoakStorage.Postgres;

    /// <summary>Npgsql connection string of the store's database.</summary>
    public string ConnectionString { get; } = connectionString;

    public IReadOnlyList<string> Settings =>
    [
        "--Storage:Provider=Postgres",
        "--Storage:ConnectionString=" + ConnectionString + ";Maximum Pool Size=" + maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Storage:ChangePollSeconds=1",
    ];

    public Task<long> CountArticlesAsync(CancellationToken cancellationToken) => PostgresStoreChecker.CountArticlesAsync(ConnectionString, cancellationToken);

    public Task<StoreCheck> CheckAsync(IReadOnlyList<int>? vectorIndexCounts, CancellationToken cancellationToken) =>
        PostgresStoreChecker.CheckAsync(ConnectionString, vectorIndexCounts, cancellationToken);
}
