using ChatBot.Discord.Rest;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Discord.Rest;

public sealed class DiscordRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void BucketOf_TwoInteractionsCallbacks_DifferentBuckets()
    {
        var a = DiscordRestClient.BucketOf(HttpMethod.Post, "/interactions/111/token-a/callback");
        var b = DiscordRestClient.BucketOf(HttpMethod.Post, "/interactions/222/token-b/callback");

        Assert.NotEqual(a, b);
        Assert.Equal(a, DiscordRestClient.BucketOf(HttpMethod.Post, "/interactions/111/token-a/callback?with_response=true"));
    }

    [Fact]
    public void BucketOf_InteractionWebhooksWithDifferentTokens_DifferentBuckets_SameChannelSameBucket()
    {
        Assert.NotEqual(
            DiscordRestClient.BucketOf(HttpMethod.Patch, "/webhooks/900/token-a/messages/@original"),
            DiscordRestClient.BucketOf(HttpMethod.Patch, "/webhooks/900/token-b/messages/@original"));
        Assert.Equal(
            DiscordRestClient.BucketOf(HttpMethod.Post, "/channels/42/messages"),
            DiscordRestClient.BucketOf(HttpMethod.Post, "/channels/42/messages"));
        Assert.DoesNotContain("token-a", DiscordRestClient.RouteOf("/webhooks/900/token-a/messages/@original"), StringComparison.Ordinal);
    }

    [Fact]
    public void DelayFor_GlobalPause_HoldsOrdinaryRoutesButNotInteractionEndpoints()
    {
        var limiter = new DiscordRateLimiter(_time);

        limiter.PauseGlobally(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), limiter.DelayFor("POST /channels/42/messages"));
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor("POST /interactions/{id}/{token}/callback /interactions/1/t", exemptFromGlobal: true));
        Assert.True(DiscordRestClient.IsInteractionEndpoint("/interactions/1/t/callback"));
        Assert.True(DiscordRestClient.IsInteractionEndpoint("/webhooks/900/t/messages/@original"));
        Assert.False(DiscordRestClient.IsInteractionEndpoint("/channels/42/messages"));
    }

    [Fact]
    public void DelayFor_ExhaustedBucket_WaitsUntilReset_OtherBucketsFree()
    {
        var limiter = new DiscordRateLimiter(_time);
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-Reset-After", "1.5");

        limiter.Update("a", response.Headers);

        Assert.Equal(TimeSpan.FromSeconds(1.5), limiter.DelayFor("a"));
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor("b"));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor("a"));
    }
}
