using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.TestKit.Discord;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>The fake Discord's route templates and the small readers the Discord scenarios share.</summary>
internal static class DiscordRoutes
{
    public const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    public const string Original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    public const string FollowUp = "/webhooks/{webhook_id}/{webhook_token}";
    public const string Commands = "/applications/{application_id}/commands";
    public const string ChannelMessages = "/channels/{channel_id}/messages";

    /// <summary>How long a scenario waits for the bot's next request: generous, the machine may be busy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The platform's gateway connection once it has identified, waiting <see cref="Patience"/>.</summary>
    public static async Task<FakeGatewayConnection> ConnectedAsync(FakeDiscordServer server)
    {
        var connection = await server.NextConnectionAsync(Patience);
        await connection.WaitForOpAsync(2, Patience);
        return connection;
    }

    public static JsonArray AskOptions(string question) =>
        [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question }];

    public static JsonElement BodyOf(FakeDiscordRequest request) => JsonDocument.Parse(request.Body).RootElement;

    /// <summary>The request is about this interaction (its id or token is in the path).</summary>
    public static bool For(FakeDiscordRequest request, string id) => request.Path.Contains(id, StringComparison.Ordinal);

    public static int? Flags(JsonElement message) => message.TryGetProperty("flags", out var f) ? f.GetInt32() : null;
}
