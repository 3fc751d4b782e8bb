using ChatBot.Soak;

namespace ChatBot.IntegrationTests.Soak;

/// <summary>The hostile-input pass against the running bot, bounded for CI, and the SQLite SIGKILL drill.</summary>
[Collection(SoakCollection.Name)]
public sealed class SoakFuzzTests
{
    private static readonly Lazy<Task<SoakReport>> Run = new(() => SoakRunner.RunAsync(
        new SoakOptions
        {
            Rate = 2,
            Seconds = 1,
            Faults = [FaultInjector.SqliteKill],
            GeneratedArticles = 2,
            KillDrillArticles = 16,
            DrainTimeout = TimeSpan.FromSeconds(20),
            DigestEvery = TimeSpan.Zero,
            Fuzz = true,
            FuzzCases = 200,
        },
        TextWriter.Null,
        CancellationToken.None));

    [Fact]
    public async Task Fuzz_HostileInputs_NoCrashNoHangNothingLost()
    {
        var report = await Run.Value;

        Assert.NotEmpty(report.Fuzz);
        Assert.All(report.Fuzz, f => Assert.True(f.Passed, $"{f.Area} / {f.Case}: {f.Outcome}\n{report.ToMarkdown()}"));
        Assert.True(report.HostAlive);
    }

    [Fact]
    public async Task Fuzz_HostileFiles_EveryFileReportedAndStoreConsistent()
    {
        var report = await Run.Value;

        var files = report.Fuzz.Where(f => f.Area == "file").ToList();
        Assert.Contains(files, f => f.Case == "deep-nesting.html");
        Assert.Contains(files, f => f.Case == "store after the hostile files" && f.Passed);
    }

    [Fact]
    public async Task Fuzz_HostileUrls_SsrfRefusedBeforeConnectingAndSlowOrHugeBodiesCut()
    {
        var report = await Run.Value;

        var urls = report.Fuzz.Where(f => f.Area.StartsWith("url", StringComparison.Ordinal)).ToList();
        Assert.Contains(urls, f => f.Case == "hostile server never reached by the SSRF cases" && f.Passed);
        Assert.Contains(urls, f => f.Case.StartsWith("http://169.254.169.254", StringComparison.Ordinal) && f.Passed);
        Assert.Contains(urls, f => f.Case.StartsWith("slow-loris", StringComparison.Ordinal) && f.Passed);
        Assert.Contains(urls, f => f.Case == "100 MB page" && f.Passed);
        Assert.Contains(urls, f => f.Case == "100 MB RSS feed" && f.Passed);
        Assert.Contains(urls, f => f.Case == FuzzPass.GzipBombCase && f.Passed);
        Assert.Contains(urls, f => f.Case == "billion-laughs RSS feed" && f.Passed);
        Assert.Contains(urls, f => f.Case == "store after the hostile URLs" && f.Passed);
    }

    [Fact]
    public async Task KillDrill_SigkillMidIngest_StoreConsistentAfterKillAndRestart()
    {
        var report = await Run.Value;

        var drill = report.KillDrill;
        Assert.NotNull(drill);
        Assert.True(drill.AfterKill.Consistent, report.ToMarkdown());
        Assert.Equal(0, drill.RestartExitCode);
        Assert.True(drill.AfterRestart.Consistent, report.ToMarkdown());
        Assert.Equal(drill.ExpectedArticles, drill.AfterRestart.Articles);
    }
}
