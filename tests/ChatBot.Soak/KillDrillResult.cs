namespace ChatBot.Soak;

/// <summary>The SQLite SIGKILL-mid-ingest drill: where the kill landed and what the store looked like after it and after the restart.</summary>
public sealed record KillDrillResult(
    int ArticlesToIngest,
    long ArticlesAtKill,
    StoreCheck AfterKill,
    int? RestartExitCode,
    StoreCheck AfterRestart,
    long ExpectedArticles)
{
    public bool Passed => AfterKill.Consistent && RestartExitCode == 0 && AfterRestart.Consistent && AfterRestart.Articles == ExpectedArticles;
}
