namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>Applies every registered <see cref="SqlMigration"/> not applied yet (the start-up indexer runs it first).</summary>
public interface ISchemaMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
