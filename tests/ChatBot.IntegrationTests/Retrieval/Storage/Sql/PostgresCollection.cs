namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>PostgreSQL tests run one at a time: one of them stops and starts the shared test server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "Postgres";
}
