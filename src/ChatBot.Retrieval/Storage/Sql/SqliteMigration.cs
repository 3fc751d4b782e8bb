namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// One named schema change. Features register theirs in DI; the store applies each name once, in order of
/// registration, inside one immediate transaction, so two processes starting together cannot both apply it.
/// </summary>
public sealed record SqliteMigration(string Name, string Sql);
