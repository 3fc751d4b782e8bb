namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// One named schema change in both dialects. Each feature registers its own in DI (<c>services.AddSingleton(migration)</c>);
/// the dialect's <see cref="ISchemaMigrator"/> applies each name once, in registration order, so replicas or processes
/// starting together apply it exactly once.
/// </summary>
public sealed record SqlMigration(string Name, string Sqlite, string Postgres)
{
    /// <summary>
    /// A migration that moves existing rows into <paramref name="defaultLibrary"/> (<c>Libraries:Default</c>): its
    /// <c>{0}</c> is replaced by the library's name, which is checked first (it is written into the SQL).
    /// </summary>
    public static SqlMigration IntoLibrary(string name, string sqlite, string postgres, string defaultLibrary)
    {
        ArgumentNullException.ThrowIfNull(sqlite);
        ArgumentNullException.ThrowIfNull(postgres);
        if (!Core.Libraries.LibraryNames.IsValidReference(defaultLibrary))
        {
            throw new ArgumentException($"“{defaultLibrary}” is not a library name (Libraries:Default).", nameof(defaultLibrary));
        }

        return new SqlMigration(name, sqlite.Replace("{0}", defaultLibrary, StringComparison.Ordinal), postgres.Replace("{0}", defaultLibrary, StringComparison.Ordinal));
    }
}
