using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

/// <summary>What every <see cref="IDigestPostLog"/> must do; runs on SQLite and PostgreSQL.</summary>
public abstract class DigestPostLogContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly DateTimeOffset Slot = new(2025, 3, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    [Fact]
    public async Task TryClaim_TwoOwnersAtOnce_OnlyOneGetsTheSlot()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => ClaimAsync($"owner-{i}", Slot))));

        var claim = Assert.Single(results, r => r is not null);
        Assert.Equal(Slot, claim!.Slot);
        Assert.Equal(DigestPost.Claimed, claim.Status);
        Assert.Single(await _fx.Posts.ListAsync("discord", "c1", default));
    }

    [Fact]
    public async Task TryClaim_AfterPostedSlot_WindowStartsWherePreviousEnded()
    {
        var first = await ClaimAsync("a", Slot);
        await _fx.Posts.CompleteAsync(first!.Id, "a", DigestPost.Posted, 3, Now, default);
        _fx.Time.Advance(TimeSpan.FromDays(1));

        var second = await ClaimAsync("a", Slot.AddDays(1));

        Assert.Equal(first.WindowEnd, second!.WindowStart);
        Assert.Equal(Now, second.WindowEnd);
        Assert.Equal(first.WindowEnd, await _fx.Posts.GetWatermarkAsync("discord", "c1", default));
        Assert.Equal(Slot.AddDays(1), await _fx.Posts.GetLastSlotAsync("discord", "c1", default));
    }

    [Fact]
    public async Task TryReclaim_LiveLease_IsRefused()
    {
        var claim = await ClaimAsync("a", Slot);
        _fx.Time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Empty(await _fx.Posts.ListRetryableAsync(Now, default));
        Assert.Null(await _fx.Posts.TryReclaimAsync(claim!.Id, "b", Now, Now + Lease, default));
    }

    [Fact]
    public async Task TryReclaim_ExpiredLease_TakenOverByExactlyOneAndOldOwnerLocksOut()
    {
        var claim = await ClaimAsync("a", Slot);
        _fx.Time.Advance(Lease);

        var retryable = Assert.Single(await _fx.Posts.ListRetryableAsync(Now, default));
        var results = await Task.WhenAll(
            Task.Run(() => _fx.Posts.TryReclaimAsync(retryable.Id, "b", Now, Now + Lease, default)),
            Task.Run(() => _fx.Posts.TryReclaimAsync(retryable.Id, "c", Now, Now + Lease, default)));

        var taken = Assert.Single(results, r => r is not null);
        Assert.Equal(2, taken!.Attempts);
        Assert.False(await _fx.Posts.CompleteAsync(claim!.Id, "a", DigestPost.Posted, 1, Now, default));
    }

    [Fact]
    public async Task MarkPartPosted_ThenComplete_RecordsPartsAndStatus()
    {
        var claim = await ClaimAsync("a", Slot);

        Assert.True(await _fx.Posts.MarkPartPostedAsync(claim!.Id, "a", 1, "m1", default));
        Assert.True(await _fx.Posts.CompleteAsync(claim.Id, "a", DigestPost.Posted, 5, Now, default));

        var post = Assert.Single(await _fx.Posts.ListAsync("discord", "c1", default));
        Assert.Equal(1, post.PartsPosted);
        Assert.Equal(DigestPost.Posted, post.Status);
        Assert.False(await _fx.Posts.MarkPartPostedAsync(claim.Id, "a", 2, "m2", default));
    }

    [Fact]
    public async Task RecordFailure_Retry_ReleasesUntilRetryTime_GiveUp_MarksFailed()
    {
        var claim = await ClaimAsync("a", Slot);

        Assert.True(await _fx.Posts.RecordFailureAsync(claim!.Id, "a", "HTTP 500", Now.AddMinutes(1), giveUp: false, Now, default));
        Assert.Empty(await _fx.Posts.ListRetryableAsync(Now, default));
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await _fx.Posts.TryReclaimAsync(claim.Id, "b", Now, Now + Lease, default);
        Assert.True(await _fx.Posts.RecordFailureAsync(again!.Id, "b", "HTTP 500", Now.AddMinutes(1), giveUp: true, Now, default));

        var post = Assert.Single(await _fx.Posts.ListAsync("discord", "c1", default));
        Assert.Equal(DigestPost.Failed, post.Status);
        Assert.Null(await _fx.Posts.GetWatermarkAsync("discord", "c1", default));
    }

    private DateTimeOffset Now => _fx.Time.GetUtcNow();

    private Task<DigestPost?> ClaimAsync(string owner, DateTimeOffset slot) =>
        _fx.Posts.TryClaimAsync("local", "discord", "c1", slot, catchUp: false, missedSlots: 0, owner, Now, Now + Lease, Now.AddHours(-24), default);
}
