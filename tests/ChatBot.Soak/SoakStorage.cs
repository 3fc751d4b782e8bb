namespace ChatBot.Soak;

/// <summary>Where the bot under load keeps its articles, dedupe rows and conversation turns.</summary>
public enum SoakStorage
{
    /// <summary>One SQLite file under a temp data folder (the default).</summary>
    Sqlite,

    /// <summary>A fresh database on a PostgreSQL server (Storage:Provider=Postgres).</summary>
    Postgres,
}
