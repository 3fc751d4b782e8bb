using System.Text.Json;
using ChatBot.Discord.MessageActions;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.EndToEnd;

/// <summary>
/// The message actions and link summaries through the real worker host (real command router, ingestion, store and
/// answerer) against the fake Discord and Slack, reading an article from a web page on 127.0.0.1.
/// </summary>
public sealed class MessageActionsEndToEndTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BotHost _bot = new();
    private LocalWebServer _site = null!;

    private const string Article = """
        <html><head><title>Tidal power in the Bay of Fundy</title></head><body><article>
        <h1>Tidal power in the Bay of Fundy</h1>
        <p>The Bay of Fundy in Canada has the highest tides in the world. Twice a day the water rises by as much as sixteen metres.</p>
        <p>Engineers have long tried to turn these tides into electricity. The Annapolis Royal station opened in 1984 and ran for more than thirty years.</p>
        <p>Newer projects place turbines on the sea floor instead of building a barrage. The strong currents wear the machines out quickly, which keeps the cost high.</p>
        <p>Fishermen worry about what the turbines do to fish and whales. Researchers now track fish near the turbines with sonar before any larger farm is built.</p>
        </article></body></html>
        """;

    public async Task InitializeAsync() =>
        _site = await LocalWebServer.StartAsync(app => app.MapGet("/fundy", () => Results.Content(Article, "text/html")));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _bot.Dispose();

    private IHost Build(params string[] settings) => _bot.Build([_bot.NoSeeds, .. settings]);

    [Fact]
    public async Task Discord_SummarizeAMessagesLink_ThenAskAboutThatArticle()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build([.. BotHost.Discord(discord), "--Ingestion:AllowPrivateNetworks=true"]);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);
            var link = _site.Url("/fundy").AbsoluteUri;

            await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand("3300000000000000801", DiscordMessageActions.SummarizeName, "Have a look: " + link));
            var summary = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains("3300000000000000801", StringComparison.Ordinal), Timeout);
            Assert.Empty(summary.SchemaErrors);
            var text = JsonDocument.Parse(summary.Body).RootElement.GetRawText();
            Assert.True(text.Contains("Bay of Fundy", StringComparison.Ordinal) && text.Contains(link, StringComparison.Ordinal), text);

            await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.ModalSubmit(
                "3300000000000000802", DiscordMessageActions.AskModalId, ("article", link), ("question", "How much does the water rise in the Bay of Fundy?")));
            var answer = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains("3300000000000000802", StringComparison.Ordinal), Timeout);
            Assert.Empty(answer.SchemaErrors);
            var description = JsonDocument.Parse(answer.Body).RootElement.GetProperty("embeds")[0].GetProperty("description").GetString() ?? string.Empty;
            Assert.True(description.Contains("the water rises by as much as", StringComparison.Ordinal) && description.Contains("teen metres", StringComparison.Ordinal), answer.Body);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Discord_SummarizeALinkToAPrivateAddress_RefusedByTheSsrfGuard_Privately()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build(BotHost.Discord(discord));
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);

            await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand("3300000000000000803", DiscordMessageActions.SummarizeName, "look " + _site.Url("/fundy").AbsoluteUri));
            var refusal = await discord.WaitForRequestAsync(r => r.Method == "POST" && r.Template == "/webhooks/{webhook_id}/{webhook_token}" && r.Path.Contains("3300000000000000803", StringComparison.Ordinal), Timeout);

            Assert.Equal(64, JsonDocument.Parse(refusal.Body).RootElement.GetProperty("flags").GetInt32());
            Assert.Contains("couldn't read", JsonDocument.Parse(refusal.Body).RootElement.GetProperty("content").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(discord.Requests, r => r.Method == "PATCH" && r.Path.Contains("3300000000000000803", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Slack_AutosummaryOn_ThenALinkInTheChannelGetsASummaryInItsThread()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Build([.. BotHost.Slack(slack), "--Slack:Admins:0=" + SlackPayloads.User, "--Ingestion:AllowPrivateNetworks=true"]);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, Timeout);
            await socket.SendAsync(SlackPayloads.Envelope("env-1", "slash_commands", SlackPayloads.SlashCommand("/autosummary", "on", slack.ResponseUrl("auto"), "trig-auto")));
            var turnedOn = await slack.WaitForRequestAsync(r => r.Method == "response_url" && r.Body.Contains("Link summaries are on", StringComparison.Ordinal), Timeout);
            Assert.NotNull(turnedOn);

            await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000700.000100", "Interesting: <" + _site.Url("/fundy").AbsoluteUri + ">")));
            var post = await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

            Assert.Empty(post.SpecProblems);
            Assert.Equal("1700000700.000100", post.ThreadTs);
            Assert.Contains("Bay of Fundy", post.AllText, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
