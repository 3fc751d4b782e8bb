namespace ChatBot.Soak;

/// <summary>The SIGKILL-mid-ingest drill (SQLite or PostgreSQL store): where the kill landed and what the store looked like after it and after the restart.</summary>
public sealed record KillDrillResult(
    int ArticlesToIngest,
    long ArticlesAtKill,
    StoreCheck AfterKill,
    int? RestartExitCode,
    StoreCheck AfterRestart,
    long ExpectedArticles)
{
    public SoakStorage Storage { get; init; } = SoakStorage.Sqlite;

    public bool Passed => AfterKill.Consistent && RestartExitCode == 0 && AfterRestart.Consistent && AfterRestart.Articles == ExpectedArticles;
}
