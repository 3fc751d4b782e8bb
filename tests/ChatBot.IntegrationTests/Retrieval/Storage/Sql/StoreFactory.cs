using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>Builds what one replica holds for a PostgreSQL schema: its own pool.</summary>
public static class StoreFactory
{
    public static PostgresConnectionFactory Connections(string connectionString, int reconnectSeconds = 10) =>
        new(Options.Create(new StorageOptions { Provider = "Postgres", ConnectionString = connectionString, ReconnectSeconds = reconnectSeconds }), NullLogger<PostgresConnectionFactory>.Instance);
}
