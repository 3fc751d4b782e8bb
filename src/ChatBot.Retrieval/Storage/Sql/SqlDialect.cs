namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>The two databases the bot runs on: one SQLite file (the default) or a PostgreSQL server shared by replicas.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
