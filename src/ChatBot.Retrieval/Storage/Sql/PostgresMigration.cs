namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// One named PostgreSQL schema change. Features register theirs in DI; the store applies each name once, in
/// order of registration, in one transaction that holds an advisory lock, so replicas starting together
/// apply it exactly once.
/// </summary>
public sealed record PostgresMigration(string Name, string Sql);
