using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Rest;

/// <summary>The Discord endpoints the bot uses, on top of <see cref="DiscordRestClient"/>.</summary>
public sealed class DiscordApi(DiscordRestClient rest, IOptions<DiscordOptions> options)
{
    private string ApplicationId => options.Value.ApplicationId ?? throw new InvalidOperationException("Discord:ApplicationId is not set.");

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var json = await rest.SendAsync(HttpMethod.Get, "/gateway/bot", null, cancellationToken)
            ?? throw new DiscordApiException("GET /gateway/bot returned no body.");
        var url = json.GetProperty("url").GetString() ?? throw new DiscordApiException("GET /gateway/bot returned no url.");
        var shards = json.TryGetProperty("shards", out var s) && s.TryGetInt32(out var n) ? n : 1;
        var remaining = 1000;
        var resetAfter = TimeSpan.Zero;
        var concurrency = 1;
        if (json.TryGetProperty("session_start_limit", out var limit) && limit.ValueKind == JsonValueKind.Object)
        {
            remaining = limit.TryGetProperty("remaining", out var r) && r.TryGetInt32(out var ri) ? ri : remaining;
            resetAfter = limit.TryGetProperty("reset_after", out var a) && a.TryGetInt64(out var ms) ? TimeSpan.FromMilliseconds(ms) : resetAfter;
            concurrency = limit.TryGetProperty("max_concurrency", out var c) && c.TryGetInt32(out var ci) && ci > 0 ? ci : concurrency;
        }

        return new GatewayBotInfo(url, shards, remaining, resetAfter, concurrency);
    }

    /// <summary>PUT the whole command set (global, or one guild's).</summary>
    public async Task<int> BulkOverwriteCommandsAsync(string? guildId, JsonArray commands, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrWhiteSpace(guildId)
            ? $"/applications/{ApplicationId}/commands"
            : $"/applications/{ApplicationId}/guilds/{guildId}/commands";
        var json = await rest.SendAsync(HttpMethod.Put, path, commands, cancellationToken);
        return json is { ValueKind: JsonValueKind.Array } array ? array.GetArrayLength() : 0;
    }

    /// <summary>The initial response to an interaction (must happen within 3 s).</summary>
    public Task RespondAsync(string interactionId, string token, JsonObject response, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Post, $"/interactions/{interactionId}/{token}/callback", response, cancellationToken);

    /// <summary>Edits the interaction's original response; returns its message id.</summary>
    public async Task<string> EditOriginalAsync(string token, JsonObject message, CancellationToken cancellationToken) =>
        IdOf(await rest.SendAsync(HttpMethod.Patch, $"/webhooks/{ApplicationId}/{token}/messages/@original", message, cancellationToken));

    public Task DeleteOriginalAsync(string token, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Delete, $"/webhooks/{ApplicationId}/{token}/messages/@original", null, cancellationToken);

    public Task FollowUpAsync(string token, JsonObject message, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Post, $"/webhooks/{ApplicationId}/{token}", message, cancellationToken);

    /// <summary>Posts to a channel; returns the new message's id.</summary>
    public async Task<string> CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken) =>
        IdOf(await rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages", message, cancellationToken));

    private static string IdOf(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty;
}
