using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Llm;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>
/// The real host (seeds, command router, LLM decorator) on the fake Discord with the model on the fake
/// OpenAI-compatible server: a streamed answer grows in the deferred message, then the final edit adds sources.
/// </summary>
public sealed class DiscordStreamingTests : IDisposable
{
    private const string Question = "What did Yann LeCun say about DeepSeek R1?";
    private const string EditTemplate = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";

    /// <summary>Edits are spaced by the bot's clock and stamped by the fake's; allow for timer and clock granularity.</summary>
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(950);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly BotHost _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Ask_ModelStreamsInChunks_OriginalEditedAsItGrowsThenWithSourcesAtLeastOneSecondApart()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Default = FakeChatBehaviour.Stream("LeCun said ", "DeepSeek R1 shows ", "that open models ", "are catching up [1].") with { Delay = TimeSpan.FromMilliseconds(400) };
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build(discord, llm);
        await host.StartAsync();
        try
        {
            await AskAsync(discord, "3300000000000000801");

            await discord.WaitForRequestAsync(r => IsEdit(r) && r.Body.Contains("\"fields\"", StringComparison.Ordinal), Timeout);
            var edits = discord.Requests.Where(IsEdit).ToList();

            Assert.True(edits.Count >= 2, $"expected a partial edit and the final edit, got {edits.Count}");
            Assert.All(edits, e => Assert.Empty(e.SchemaErrors));
            Assert.All(edits, e => Assert.Equal(0, Json(e).GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength()));
            foreach (var partial in edits.Take(edits.Count - 1).Select(Json))
            {
                var embed = partial.GetProperty("embeds")[0];
                Assert.StartsWith("LeCun said", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.EndsWith("…", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.False(embed.TryGetProperty("fields", out _));
                Assert.Equal(0, partial.GetProperty("components").GetArrayLength());
            }

            var final = Json(edits[^1]);
            var finalEmbed = final.GetProperty("embeds")[0];
            Assert.Equal("LeCun said DeepSeek R1 shows that open models are catching up [1].", finalEmbed.GetProperty("description").GetString());
            Assert.Equal("Sources", finalEmbed.GetProperty("fields")[0].GetProperty("name").GetString());
            Assert.Contains("Yann LeCun", finalEmbed.GetProperty("fields")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
            Assert.True(final.GetProperty("components").GetArrayLength() > 0);
            for (var i = 1; i < edits.Count; i++)
            {
                Assert.True(edits[i].At - edits[i - 1].At >= MinimumGap, $"edits {i - 1} and {i} were {(edits[i].At - edits[i - 1].At).TotalMilliseconds} ms apart");
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Ask_ModelDown_FinalEditCarriesTheUnavailableNote()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Default = FakeChatBehaviour.ServerError(500);
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build(discord, llm);
        await host.StartAsync();
        try
        {
            await AskAsync(discord, "3300000000000000802");

            var edit = await discord.WaitForRequestAsync(IsEdit, Timeout);

            Assert.Empty(edit.SchemaErrors);
            var embed = Json(edit).GetProperty("embeds")[0];
            Assert.Contains("language model was unavailable", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains("Yann LeCun", embed.GetProperty("fields")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static bool IsEdit(FakeDiscordRequest request) => request.Method == "PATCH" && request.Template == EditTemplate;

    private static JsonElement Json(FakeDiscordRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static async Task AskAsync(FakeDiscordServer discord, string interactionId)
    {
        var connection = await discord.NextConnectionAsync(Timeout);
        await connection.WaitForOpAsync(2);
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(
            interactionId,
            "ask",
            [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = Question }]));
    }

    private IHost Build(FakeDiscordServer discord, FakeOpenAiServer llm) =>
        _bot.Build([.. SeedLibrary.Settings, .. BotHost.Discord(discord), .. BotHost.Llm(llm)]);
}
