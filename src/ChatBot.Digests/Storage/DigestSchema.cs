using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>The digest tables' migrations (schedules, post claims, feeds and feed items), registered by <c>AddDigestStores</c>.</summary>
public static class DigestSchema
{
    public static readonly SqlMigration Migration = new("0020_digests", SqliteDigestSql.Schema, PostgresDigestSql.Schema);

    /// <summary>Registered right after <see cref="Migration"/>: feeds, schedules and posts carry their library; existing ones go into <paramref name="defaultLibrary"/>.</summary>
    public static SqlMigration LibrariesMigration(string defaultLibrary) =>
        SqlMigration.IntoLibrary("0021_digest_libraries", SqliteDigestSql.LibrariesMigration, PostgresDigestSql.LibrariesMigration, defaultLibrary);
}
