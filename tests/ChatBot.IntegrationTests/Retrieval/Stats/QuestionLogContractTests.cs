using ChatBot.Core.Model;
using ChatBot.Core.Stats;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Stats;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Stats;

/// <summary>What the question log and its figures must do; runs on SQLite and PostgreSQL (two stores stand for two replicas).</summary>
public abstract class QuestionLogContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 30, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    protected FakeTimeProvider Time { get; } = new(Now);

    protected SqlDatabase Sql { get; private set; } = null!;

    protected QuestionLogStore Log { get; private set; } = null!;

    protected QuestionLogStore OtherReplica { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(Time, QuestionLogStore.Migration);
        Sql = _database.Open();
        Log = new QuestionLogStore(Sql);
        OtherReplica = new QuestionLogStore(_database.Open());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected static QuestionRecord Question(
        string text, string outcome = QuestionOutcomes.Answered, long ms = 100, string library = "local", DateTimeOffset? at = null, string? fallback = null, string user = "U1") =>
        new(library, "discord", user, outcome, ms, fallback, text, "An answer [1].",
            [new Citation(1, 7, "Kangaroos", "k.md", "https://news.test/k", "They hop.", 0.9)], at ?? Now.AddMinutes(-5));

    [Fact]
    public async Task Summarize_ScriptedQuestions_CountsOutcomesTimesFallbacksAndVotes()
    {
        long[] times = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
        var ids = new List<long>();
        foreach (var ms in times)
        {
            ids.Add(await Log.RecordAsync(Question("q" + ms, ms <= 700 ? QuestionOutcomes.Answered : QuestionOutcomes.Abstained, ms, fallback: ms == 300 ? "HTTP 429" : null), default));
        }

        await Log.RecordAsync(Question("broken", QuestionOutcomes.Failed, 50), default);
        await Log.RecordAsync(Question("elsewhere", library: "discord:9"), default);
        await Log.RecordAsync(Question("last week", at: Now.AddDays(-3)), default);
        await Log.VoteAsync(ids[0], "discord", "U1", 1, Now, default);
        await Log.VoteAsync(ids[1], "discord", "U2", 1, Now, default);
        await OtherReplica.VoteAsync(ids[8], "slack", "U3", -1, Now, default);

        var day = await OtherReplica.SummarizeAsync("local", Now.AddDays(-1), Now, default);

        Assert.Equal(new StatsSummary(11, 7, 3, 1, 0, 500, 1000, 2, 1, 1), day);
        Assert.Equal(100.0 * 3 / 11, day.Percent(day.Abstained), 6);
        Assert.Equal(13, (await Log.SummarizeAsync(null, Now.AddDays(-7), Now, default)).Questions);
        Assert.Equal(StatsSummary.Empty, await Log.SummarizeAsync("nowhere", Now.AddDays(-7), Now, default));
    }

    [Fact]
    public async Task Vote_SameUserAgain_OneVoteThatChanges_OtherUsersCountApart()
    {
        var id = await Log.RecordAsync(Question("How do kangaroos rest?"), default);

        Assert.True(await Log.VoteAsync(id, "discord", "U1", 1, Now, default));
        Assert.True(await OtherReplica.VoteAsync(id, "discord", "U1", 1, Now, default));
        Assert.Equal((1, 0), await VotesAsync());
        Assert.True(await Log.VoteAsync(id, "discord", "U1", -1, Now, default));
        Assert.Equal((0, 1), await VotesAsync());
        Assert.True(await Log.VoteAsync(id, "slack", "U1", -1, Now, default));
        Assert.True(await Log.VoteAsync(id, "discord", "U2", 1, Now, default));
        Assert.Equal((1, 2), await VotesAsync());
        Assert.False(await Log.VoteAsync(id + 100, "discord", "U1", 1, Now, default));
    }

    [Fact]
    public async Task Record_KeepsTextsAndHashedUsersOnly()
    {
        var id = await Log.RecordAsync(Question("Where do kangaroos live?", user: "123456789012345678"), default);
        await OtherReplica.VoteAsync(id, "discord", "123456789012345678", 1, Now, default);

        var row = (await Sql.QueryAsync(
            "SELECT user_hash, question, answer, citations, platform, library FROM questions WHERE id = @id",
            [("id", id)],
            r => (Hash: r.GetString(0), Question: r.GetString(1), Answer: r.GetString(2), Citations: r.GetString(3), Platform: r.GetString(4), Library: r.GetString(5)),
            default)).Single();
        var voter = (string?)await Sql.ScalarAsync("SELECT user_hash FROM question_votes WHERE question_id = @id", [("id", id)], default);

        Assert.Equal(("Where do kangaroos live?", "An answer [1].", "discord", "local"), (row.Question, row.Answer, row.Platform, row.Library));
        Assert.Contains("\"articleId\":7", row.Citations, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012345678", row.Hash, StringComparison.Ordinal);
        Assert.Equal(32, row.Hash.Length);
        Assert.Equal(row.Hash, voter);
    }

    [Fact]
    public async Task QuestionsPerHour_LastHoursOldestFirst()
    {
        await Log.RecordAsync(Question("now", at: Now), default);
        await Log.RecordAsync(Question("this hour", at: Now.AddMinutes(-29)), default);
        await Log.RecordAsync(Question("an hour ago", at: Now.AddMinutes(-31)), default);
        await Log.RecordAsync(Question("two days ago", at: Now.AddDays(-2)), default);

        Assert.Equal([0, 1, 2], await Log.QuestionsPerHourAsync("local", Now, 3, default));
        Assert.Equal(24, (await Log.QuestionsPerHourAsync(null, Now, 24, default)).Count);
    }

    [Fact]
    public async Task GapQuestions_AbstainedOrVotedDown_NotAnsweredWellOrOld()
    {
        await Log.RecordAsync(Question("abstained", QuestionOutcomes.Abstained), default);
        var down = await Log.RecordAsync(Question("voted down"), default);
        var up = await Log.RecordAsync(Question("voted up"), default);
        await Log.RecordAsync(Question("old abstained", QuestionOutcomes.Abstained, at: Now.AddDays(-8)), default);
        await Log.VoteAsync(down, "discord", "U1", -1, Now, default);
        await Log.VoteAsync(down, "discord", "U2", -1, Now, default);
        await Log.VoteAsync(up, "discord", "U1", 1, Now, default);

        var gaps = await OtherReplica.GapQuestionsAsync("local", Now.AddDays(-7), 10, default);

        Assert.Equal(["abstained", "voted down"], gaps.Select(g => g.Question).Order(StringComparer.Ordinal));
        Assert.Equal(2, gaps.Single(g => g.Question == "voted down").ThumbsDown);
        Assert.True(gaps.Single(g => g.Question == "abstained").Abstained);
    }

    [Fact]
    public async Task RetentionSweep_AtStartAndEveryHour_DeletesQuestionsPastRetentionWithTheirVotes()
    {
        var old = await Log.RecordAsync(Question("forty days old", at: Now.AddDays(-40)), default);
        await Log.VoteAsync(old, "discord", "U1", -1, Now, default);
        await Log.RecordAsync(Question("twenty-nine days and a half old", at: Now.AddDays(-29.5)), default);
        await Log.RecordAsync(Question("today"), default);
        using var sweep = new QuestionLogRetention(
            Log, Microsoft.Extensions.Options.Options.Create(new StatsOptions()), Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<QuestionLogRetention>.Instance);

        await sweep.StartAsync(default);
        await WaitForAsync(["twenty-nine days and a half old", "today"]);
        Assert.Equal(0L, Convert.ToInt64(await Sql.ScalarAsync("SELECT COUNT(*) FROM question_votes", [], default), System.Globalization.CultureInfo.InvariantCulture));

        Time.Advance(TimeSpan.FromHours(13));
        await WaitForAsync(["today"]);
        await sweep.StopAsync(default);
    }

    [Fact]
    public async Task RetentionSweep_ConfiguredDays_KeepsThatManyDays()
    {
        await Log.RecordAsync(Question("three days old", at: Now.AddDays(-3)), default);
        await Log.RecordAsync(Question("a day old", at: Now.AddDays(-1)), default);
        using var sweep = new QuestionLogRetention(
            Log, Microsoft.Extensions.Options.Options.Create(new StatsOptions { RetentionDays = 2 }), Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<QuestionLogRetention>.Instance);

        Assert.Equal(1, await sweep.SweepAsync(default));
        Assert.Equal(["a day old"], await TextsAsync());
    }

    /// <summary>Waits (polling, up to 20 s) until exactly these questions are kept.</summary>
    private async Task WaitForAsync(string[] kept)
    {
        for (var i = 0; i < 200 && !(await TextsAsync()).SequenceEqual(kept); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(kept, await TextsAsync());
    }

    private async Task<IReadOnlyList<string>> TextsAsync() =>
        await Sql.QueryAsync("SELECT question FROM questions ORDER BY asked_at", [], r => r.GetString(0), default);

    private async Task<(int Up, int Down)> VotesAsync()
    {
        var summary = await Log.SummarizeAsync("local", Now.AddDays(-1), Now, default);
        return (summary.ThumbsUp, summary.ThumbsDown);
    }
}
