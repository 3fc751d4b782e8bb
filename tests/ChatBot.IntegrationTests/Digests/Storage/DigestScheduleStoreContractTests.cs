using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

/// <summary>What every <see cref="IDigestScheduleStore"/> must do; runs on SQLite and PostgreSQL.</summary>
public abstract class DigestScheduleStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    private DateTimeOffset Now => _fx.Time.GetUtcNow();

    [Fact]
    public async Task ApplyConfigured_NewThenUnchanged_ReportsChangeOnce()
    {
        var first = await _fx.Schedules.ApplyConfiguredAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);
        var second = await _fx.Schedules.ApplyConfiguredAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);

        Assert.True(first);
        Assert.False(second);
        var schedule = (await _fx.Schedules.GetAsync("discord", "c1", default))!;
        Assert.Equal(("0 8 * * *", "UTC", true, DigestSchedule.ConfigOrigin, Now), (schedule.Cron, schedule.TimeZone, schedule.Enabled, schedule.Origin, schedule.UpdatedAt));
    }

    [Fact]
    public async Task ApplyConfigured_AfterChatSet_ChatWins()
    {
        await _fx.Schedules.SetAsync("local", "discord", "c1", "0 9 * * *", "Europe/Berlin", Now, default);

        var changed = await _fx.Schedules.ApplyConfiguredAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);

        Assert.False(changed);
        var schedule = (await _fx.Schedules.GetAsync("discord", "c1", default))!;
        Assert.Equal(("0 9 * * *", "Europe/Berlin", DigestSchedule.ChatOrigin), (schedule.Cron, schedule.TimeZone, schedule.Origin));
    }

    [Fact]
    public async Task Disable_ThenApplyConfigured_StaysOffAndUnlisted()
    {
        await _fx.Schedules.ApplyConfiguredAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);
        await _fx.Schedules.ApplyConfiguredAsync("local", "slack", "C2", "0 7 * * *", "UTC", Now, default);

        Assert.True(await _fx.Schedules.DisableAsync("local", "discord", "c1", Now, default));
        Assert.False(await _fx.Schedules.DisableAsync("local", "discord", "c1", Now, default));
        await _fx.Schedules.ApplyConfiguredAsync("local", "discord", "c1", "0 8 * * *", "UTC", Now, default);

        Assert.False((await _fx.Schedules.GetAsync("discord", "c1", default))!.Enabled);
        Assert.Equal(["C2"], (await _fx.Schedules.ListEnabledAsync(default)).Select(s => s.ChannelId));
    }
}
