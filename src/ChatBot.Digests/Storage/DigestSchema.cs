using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>The digest tables' migration (schedules, post claims, feeds and feed items), registered by <c>AddDigestStores</c>.</summary>
public static class DigestSchema
{
    public static readonly SqlMigration Migration = new("0020_digests", SqliteDigestSql.Schema, PostgresDigestSql.Schema);
}
