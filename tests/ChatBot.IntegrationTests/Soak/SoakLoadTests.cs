using ChatBot.Soak;

namespace ChatBot.IntegrationTests.Soak;

/// <summary>
/// The short soak CI runs: the real host against the fake Discord, Slack and OpenAI servers at 10 questions/s
/// for 5 s while the gateway drops, Slack refreshes, is slow to reconnect and drops a socket, REST answers 429 and 5xx
/// and the LLM fails.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakLoadTests
{
    private static readonly Lazy<Task<SoakReport>> Run = new(() => SoakRunner.RunAsync(
        new SoakOptions
        {
            Rate = 10,
            Seconds = 5,
            Faults = ["discord-drop", "slack-refresh", "discord-429", "llm-500", "slack-slow", "discord-5xx", "llm-garbage", "discord-op7", "slack-drop"],
            FaultEvery = TimeSpan.FromSeconds(0.5),
            GeneratedArticles = 6,
            DrainTimeout = TimeSpan.FromSeconds(30),
            Fuzz = false,
        },
        TextWriter.Null,
        CancellationToken.None));

    [Fact]
    public async Task Soak_TenPerSecondWithFaults_NothingLostOrAnsweredTwice()
    {
        var report = await Run.Value;

        Assert.True(report.QuestionsSent >= 45, report.ToMarkdown());
        Assert.True(report.Lost == 0, report.ToMarkdown());
        Assert.True(report.Doubled == 0, report.ToMarkdown());
    }

    [Fact]
    public async Task Soak_TenPerSecondWithFaults_EveryQuestionAcknowledgedWithinThreeSeconds()
    {
        var report = await Run.Value;

        Assert.All(report.Platforms, p => Assert.True(p.AckedInTime == p.Questions, report.ToMarkdown()));
    }

    [Fact]
    public async Task Soak_TenPerSecondWithFaults_EveryFaultRecoveredAndStoreConsistent()
    {
        var report = await Run.Value;

        Assert.NotEmpty(report.Faults);
        Assert.All(report.Faults, f => Assert.True(f.Recovered == f.Injected, report.ToMarkdown()));
        Assert.True(report.StoreAfterLoad?.Consistent, report.ToMarkdown());
        Assert.True(report.HostAlive, report.ToMarkdown());
    }
}
