using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>Slot claims: two schedulers on one store, a post that outlasts its lease, a claim taken over, a failed post retried.</summary>
public abstract partial class DigestSchedulerTests
{
    [Fact]
    public async Task RunOnce_TwoInstancesOnOneStore_PostOncePerSlot()
    {
        await ScheduleDailyAtEightUtcAsync();
        var publisher = new RecordingPublisher();
        var first = _fx.Scheduler(publisher);
        var second = _fx.Scheduler(publisher);

        for (var day = 24; day <= 26; day++)
        {
            _fx.SetUtc(3, day, 7);
            await _fx.AddArticleAsync($"Story of day {day}", $"https://a.example/{day}");
            _fx.SetUtc(3, day, 8);
            await Task.WhenAll(first.RunOnceAsync(default), second.RunOnceAsync(default), first.RunOnceAsync(default));
        }

        Assert.Equal(3, publisher.Posts.Count);
        Assert.Equal(3, (await _fx.Posts.ListAsync("discord", Channel, default)).Select(p => p.Slot).Distinct().Count());
    }

    [Fact]
    public async Task RunOnce_PostOutlastsItsLease_AbandonedSoNoOtherSchedulerPostsTheSamePart()
    {
        _fx.Options.MaxItemsPerPart = 1;
        await ScheduleDailyAtEightUtcAsync();
        await AddTwoDistinctStoriesAsync();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RecordingPublisher
        {
            // The second part waits (a long rate-limit wait, say) until the platform lets it through.
            OnPublish = async (_, reply, ct) =>
            {
                if (reply.Title!.EndsWith("(2/2)", StringComparison.Ordinal))
                {
                    waiting.TrySetResult();
                    await released.Task.WaitAsync(ct);
                }
            },
        };
        var second = new RecordingPublisher();
        _fx.SetUtc(3, 24, 8);
        var stuck = _fx.Scheduler(first).RunOnceAsync(default);
        await waiting.Task;

        _fx.Time.Advance(TimeSpan.FromSeconds(_fx.Options.LeaseSeconds)); // the claim's lease runs out
        var other = _fx.Scheduler(second);
        await other.RunOnceAsync(default); // another replica's round
        released.TrySetResult();
        await stuck;
        _fx.Time.Advance(TimeSpan.FromMinutes(5));
        await other.RunOnceAsync(default);

        var titles = first.Posts.Concat(second.Posts).Select(p => p.Reply.Title).ToList();
        Assert.Equal(1, titles.Count(t => t!.EndsWith("(1/2)", StringComparison.Ordinal)));
        Assert.Equal(1, titles.Count(t => t!.EndsWith("(2/2)", StringComparison.Ordinal)));
        Assert.Equal(DigestPost.Posted, (await _fx.Posts.ListAsync("discord", Channel, default)).Single().Status);
    }

    [Fact]
    public async Task RunOnce_ClaimTakenOverMidDigest_StopsBeforeTheNextPart()
    {
        _fx.Options.MaxItemsPerPart = 1;
        await ScheduleDailyAtEightUtcAsync();
        await AddTwoDistinctStoriesAsync();
        await _fx.AddArticleAsync("Tallinn opens a seed library", "https://a.example/seeds", "The city library of Tallinn lends seeds to gardeners. Volunteers sort and label every packet by hand.");
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RecordingPublisher
        {
            // A platform client that does not honour cancellation: the second part is accepted late, after the takeover.
            OnPublish = async (_, reply, _) =>
            {
                if (reply.Title!.EndsWith("(2/3)", StringComparison.Ordinal))
                {
                    waiting.TrySetResult();
                    await released.Task;
                }
            },
        };
        var second = new RecordingPublisher();
        _fx.SetUtc(3, 24, 8);
        var stuck = _fx.Scheduler(first).RunOnceAsync(default);
        await waiting.Task;

        _fx.Time.Advance(TimeSpan.FromSeconds(_fx.Options.LeaseSeconds));
        await _fx.Scheduler(second).RunOnceAsync(default); // takes the expired claim over and posts parts 2 and 3
        released.TrySetResult();
        await stuck;

        var titles = first.Posts.Concat(second.Posts).Select(p => p.Reply.Title).ToList();
        Assert.Equal(1, titles.Count(t => t!.EndsWith("(3/3)", StringComparison.Ordinal)));
        Assert.DoesNotContain(first.Posts, p => p.Reply.Title!.EndsWith("(3/3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_FailedPost_RetriedWithBackoffAndPostedOnce()
    {
        await ScheduleDailyAtEightUtcAsync();
        await _fx.AddArticleAsync("Story one", "https://a.example/1");
        var failures = 1;
        var publisher = new RecordingPublisher
        {
            OnPublish = (_, _, _) => failures-- > 0 ? throw new HttpRequestException("503") : Task.CompletedTask,
        };
        var scheduler = _fx.Scheduler(publisher);
        _fx.SetUtc(3, 24, 8);

        await scheduler.RunOnceAsync(default);
        await scheduler.RunOnceAsync(default);
        Assert.Empty(publisher.Posts);

        _fx.Time.Advance(TimeSpan.FromSeconds(_fx.Options.RetryBaseSeconds));
        await scheduler.RunOnceAsync(default);
        await scheduler.RunOnceAsync(default);

        Assert.Single(publisher.Posts);
    }
}
