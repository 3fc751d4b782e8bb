using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Http;
using ChatBot.Slack.Inbound;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Slack;

public sealed class SlackHttpEventsTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;

    private static HttpRequestMessage Signed(Uri url, string body, string contentType, DateTimeOffset at, string secret = SlackTestHost.SigningSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackRequestVerifier.Sign(Encoding.UTF8.GetBytes(secret), timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static Uri Events(SlackTestHost bot) => new(bot.HttpBase, "slack/events");

    [Fact]
    public async Task UrlVerification_SignedRequest_ChallengeEchoed()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRN", ["type"] = "url_verification" }.ToJsonString();

        using var response = await client.SendAsync(Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRN", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EventWithValidSignature_AcceptedAndAnsweredInThread()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = SlackPayloads.AppMention("Ev1", "1700000000.000100", "What did LeCun say?").ToJsonString();

        using var response = await client.SendAsync(Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow));
        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1700000000.000100", post.ThreadTs);
        Assert.Equal(0, bot.Slack.SocketCount);
    }

    [Fact]
    public async Task WrongSignature_Refused401()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = SlackPayloads.AppMention("Ev1", "1700000000.000100", "q").ToJsonString();

        using var response = await client.SendAsync(Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow, secret: "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Received);
    }

    [Fact]
    public async Task StaleTimestamp_Refused401()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = SlackPayloads.AppMention("Ev1", "1700000000.000100", "q").ToJsonString();

        using var response = await client.SendAsync(Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ReplayedRequest_Refused401_AnsweredOnce()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = SlackPayloads.AppMention("Ev1", "1700000000.000100", "q").ToJsonString();
        var at = DateTimeOffset.UtcNow;

        using var first = await client.SendAsync(Signed(Events(bot), body, "application/json", at));
        using var replay = await client.SendAsync(Signed(Events(bot), body, "application/json", at));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Single(bot.Received);
    }

    [Fact]
    public async Task RetryWithSameEventId_Acknowledged_AnsweredOnce()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var body = SlackPayloads.AppMention("Ev1", "1700000000.000100", "q").ToJsonString();

        using var first = await client.SendAsync(Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow));
        var retryRequest = Signed(Events(bot), body, "application/json", DateTimeOffset.UtcNow.AddSeconds(1));
        retryRequest.Headers.Add("X-Slack-Retry-Num", "1");
        retryRequest.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        using var retry = await client.SendAsync(retryRequest);
        var sentinel = SlackPayloads.AppMention("Ev2", "1700000009.000100", "sentinel").ToJsonString();
        using var third = await client.SendAsync(Signed(Events(bot), sentinel, "application/json", DateTimeOffset.UtcNow));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == "1700000009.000100", Timeout);
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == "1700000000.000100", Timeout);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(bot.Received, r => r.Argument == "q");
    }

    [Fact]
    public async Task SlashCommandForm_AckedWithJson_AnsweredViaResponseUrl()
    {
        await using var bot = await SlackTestHost.StartAsync(socketMode: false, http: true);
        using var client = new HttpClient();
        var fields = SlackPayloads.SlashCommand("/search", "open models", bot.Slack.ResponseUrl("c1"), "trig-1")
            .ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty);
        var body = await new FormUrlEncodedContent(fields).ReadAsStringAsync();

        using var response = await client.SendAsync(Signed(new Uri(bot.HttpBase, "slack/commands"), body, "application/x-www-form-urlencoded", DateTimeOffset.UtcNow));
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var answer = await bot.Slack.WaitForRequestAsync(r => r.Method == "response_url", Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SlackInbox.WorkingText, (string?)ack?["text"]);
        Assert.Equal("in_channel", (string?)answer.Json?["response_type"]);
        Assert.Equal("open models", Assert.Single(bot.Received).Argument);
    }
}
