using ChatBot.Core.Chat;
using ChatBot.Core.Stats;
using ChatBot.Digests;
using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Stats;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.Stats;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatBot.IntegrationTests.Worker.Stats;

/// <summary>/stats over a scripted set of questions, votes, a failing feed and a schedule; runs on SQLite and PostgreSQL.</summary>
public abstract class StatsCommandContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private TestDatabase _database = null!;
    private SqlDatabase _sql = null!;
    private QuestionLogStore _log = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(_time, QuestionLogStore.Migration, DigestSchema.Migration, DigestSchema.LibrariesMigration("local"));
        _sql = _database.Open();
        _log = new QuestionLogStore(_sql);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Stats_ScriptedQuestions_NumbersMatch()
    {
        var first = await AskAsync(QuestionOutcomes.Answered, 200, Now.AddMinutes(-5));
        await AskAsync(QuestionOutcomes.Answered, 400, Now.AddMinutes(-5), "HTTP 429");
        var abstained = await AskAsync(QuestionOutcomes.Abstained, 600, Now.AddMinutes(-5));
        await AskAsync(QuestionOutcomes.Failed, 50, Now.AddMinutes(-5));
        await AskAsync(QuestionOutcomes.Answered, 1000, Now.AddDays(-3));
        await AskAsync(QuestionOutcomes.Answered, 1, Now.AddMinutes(-5), library: "discord:9");
        await _log.VoteAsync(first, "discord", "U1", 1, Now, default);
        await _log.VoteAsync(abstained, "discord", "U2", -1, Now, default);
        var feeds = new FeedStore(_sql);
        var (feed, _) = await feeds.AddAsync("local", "https://feeds.test/rss", "discord", "c1", Now, default);
        await feeds.RecordFailureAsync(feed.Id, "HTTP 500", Now, default);
        await feeds.AddAsync("local", "https://feeds.test/ok", "discord", "c1", Now, default);
        var schedules = new DigestScheduleStore(_sql);
        await schedules.SetAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);

        var reply = await Command(new DigestStatus(feeds, schedules, _time)).HandleAsync("local", "", default);

        Assert.Equal("Stats for library local", reply.Title);
        Assert.True(reply.Ephemeral);
        Assert.Equal(
            [
                "**Last 24 h**: 4 questions · 50% answered · 25% abstained · 1 failed · median 400 ms, p95 600 ms · 👍 1 👎 1 · 1 model fallback",
                "**Last 7 days**: 5 questions · 60% answered · 20% abstained · 1 failed · median 400 ms, p95 1.0 s · 👍 1 👎 1 · 1 model fallback",
                "**Questions per hour**, last 24 h: `▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█` (most in an hour: 4)",
                "**Feeds**: 1 of 2 failing: https://feeds.test/rss",
                "**Next digest**: Sun 6 Dec 2026 08:00 UTC (UTC+00:00)",
            ],
            reply.Text.Split('\n'));
    }

    [Fact]
    public async Task Stats_NothingAsked_SaysSo()
    {
        var reply = await Command(new DigestStatus(new FeedStore(_sql), new DigestScheduleStore(_sql), _time)).HandleAsync("local", "summary", default);

        Assert.StartsWith("**Last 24 h**: no questions\n**Last 7 days**: no questions\n", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("**Feeds**: none\n**Next digest**: none scheduled", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_UnknownView_RefusedWithUsage()
    {
        var reply = await Command(null).HandleAsync("local", "everything", default);

        Assert.Equal((ReplyKind.Refusal, StatsCommand.Usage), (reply.Kind, reply.Text));
    }

    private StatsCommand Command(DigestStatus? digests) => new(_log, Mock.Of<IStatsGaps>(), _time, digests);

    private Task<long> AskAsync(string outcome, long ms, DateTimeOffset at, string? fallback = null, string library = "local") =>
        _log.RecordAsync(new QuestionRecord(library, "discord", "U1", outcome, ms, fallback, "a question", "an answer", [], at), default);
}

public sealed class SqliteStatsCommandContractTests() : StatsCommandContractTests(SqlDialect.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatsCommandContractTests() : StatsCommandContractTests(SqlDialect.Postgres);
