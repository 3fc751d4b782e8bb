namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// One named schema change in both dialects. Each feature registers its own in DI (<c>services.AddSingleton(migration)</c>);
/// the dialect's <see cref="ISchemaMigrator"/> applies each name once, in registration order, so replicas or processes
/// starting together apply it exactly once.
/// </summary>
public sealed record SqlMigration(string Name, string Sqlite, string Postgres);
