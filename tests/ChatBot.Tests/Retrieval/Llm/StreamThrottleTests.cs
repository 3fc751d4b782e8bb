using ChatBot.Retrieval.Llm;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Retrieval.Llm;

public sealed class StreamThrottleTests
{
    [Fact]
    public async Task Offer_WithinInterval_IsHeldBackUntilASecondHasPassed()
    {
        var time = new FakeTimeProvider();
        var sent = new List<string>();
        var throttle = new StreamThrottle(TimeSpan.FromSeconds(1), time, (text, _) =>
        {
            sent.Add(text);
            return Task.CompletedTask;
        });

        await throttle.OfferAsync("The", CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(400));
        await throttle.OfferAsync("The sky", CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(600));
        await throttle.OfferAsync("The sky is", CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await throttle.OfferAsync("The sky is blue", CancellationToken.None);

        Assert.Equal(["The", "The sky is"], sent);
        Assert.Equal(2, throttle.Sent);
    }
}
