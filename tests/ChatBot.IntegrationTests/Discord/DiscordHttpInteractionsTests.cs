using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Discord.Http;
using ChatBot.TestKit.Discord;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>Interactions over HTTP (Discord:InteractionsUrl): real Ed25519 signatures from a key pair made here.</summary>
public sealed class DiscordHttpInteractionsTests : IAsyncLifetime, IDisposable
{
    private readonly DiscordInteractionSigner _discord = new();
    private readonly HttpClient _http = new();
    private FakeDiscordServer _server = null!;
    private DiscordPlatformHarness _harness = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeDiscordServer.StartAsync();
        _harness = await DiscordPlatformHarness.StartAsync(_server, overrides: new Dictionary<string, string?>
        {
            ["Discord:InteractionsUrl"] = "http://127.0.0.1:0",
            ["Discord:PublicKey"] = _discord.PublicKeyHex,
        });
        var endpoint = _harness.Services.GetRequiredService<DiscordInteractionsEndpoint>();
        await endpoint.Listening.WaitAsync(Patience);
        _endpoint = new Uri(endpoint.Addresses[0], DiscordInteractionsEndpoint.Path);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _discord.Dispose();
    }

    private static readonly JsonObject Ping = new() { ["id"] = "3300000000000000900", ["application_id"] = FakeDiscordServer.ApplicationId, ["type"] = 1, ["token"] = "tok-ping", ["version"] = 1 };

    [Fact]
    public async Task Ping_IsAnsweredWithPong()
    {
        using var response = await _http.SendAsync(_discord.Request(_endpoint, Ping, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task SlashCommand_Accepted_ThenDeferredAndAnsweredThroughTheSameDispatcher()
    {
        var interaction = FakeDiscordServer.Interaction("3300000000000000901", "ask", AskOptions("open models?"));

        using var response = await _http.SendAsync(_discord.Request(_endpoint, interaction, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var defer = await _server.WaitForRequestAsync(r => r.Template == Callback && For(r, "3300000000000000901"), Patience);
        Assert.Equal(5, BodyOf(defer).GetProperty("type").GetInt32());
        var edit = await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000901"), Patience);
        Assert.Empty(edit.SchemaErrors);
        Assert.Equal((ChatCommand.Ask, "open models?"), (Assert.Single(_harness.HandledRequests).Command, _harness.HandledRequests.Single().Argument));
    }

    [Fact]
    public async Task Forgeries_AreRefusedWith401_AndNeverReachTheDispatcher()
    {
        using var otherKey = new DiscordInteractionSigner();
        var body = FakeDiscordServer.Interaction("3300000000000000902", "ask", AskOptions("forged?")).ToJsonString();
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var forged = new[]
        {
            _discord.Request(_endpoint, body, now, signature: otherKey.Sign(timestamp, body)),
            _discord.Request(_endpoint, body.Replace("forged?", "tampered", StringComparison.Ordinal), now, signature: _discord.Sign(timestamp, body)),
            _discord.Request(_endpoint, body, now, signature: new string('0', 128)),
            _discord.Request(_endpoint, body, now, signature: "not hex"),
            new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body) },
        };

        foreach (var request in forged)
        {
            using (request)
            using (var response = await _http.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Empty(_harness.HandledRequests);
        Assert.DoesNotContain(_server.Requests, r => For(r, "3300000000000000902"));
    }

    [Fact]
    public async Task Replay_AndStaleTimestamps_AreRefused()
    {
        var body = FakeDiscordServer.Interaction("3300000000000000903", "ask", AskOptions("once?")).ToJsonString();
        var now = DateTimeOffset.UtcNow;

        using var first = await _http.SendAsync(_discord.Request(_endpoint, body, now));
        using var replay = await _http.SendAsync(_discord.Request(_endpoint, body, now));
        using var stale = await _http.SendAsync(_discord.Request(_endpoint, Ping, now - TimeSpan.FromMinutes(10)));
        using var future = await _http.SendAsync(_discord.Request(_endpoint, Ping, now + TimeSpan.FromMinutes(10)));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, future.StatusCode);
        await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000903"), Patience);
        Assert.Single(_harness.HandledRequests);
    }
}
