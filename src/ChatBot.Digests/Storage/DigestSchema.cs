using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>The digest tables' migrations (schedules, post claims, feeds and feed items), registered by <c>AddDigestStores</c>.</summary>
public static class DigestSchema
{
    public static readonly SqlMigration Migration = new("0020_digests", SqliteDigestSql.Schema, PostgresDigestSql.Schema);

    /// <summary>Registered right after <see cref="Migration"/>: feeds, schedules and posts carry their library; existing ones go into <paramref name="defaultLibrary"/>.</summary>
    public static SqlMigration LibrariesMigration(string defaultLibrary)
    {
        if (!LibraryNames.IsValidReference(defaultLibrary))
        {
            throw new ArgumentException($"“{defaultLibrary}” is not a library name (Libraries:Default).", nameof(defaultLibrary));
        }

        return new SqlMigration(
            "0021_digest_libraries",
            SqliteDigestSql.LibrariesMigration.Replace("{0}", defaultLibrary, StringComparison.Ordinal),
            PostgresDigestSql.LibrariesMigration.Replace("{0}", defaultLibrary, StringComparison.Ordinal));
    }
}
