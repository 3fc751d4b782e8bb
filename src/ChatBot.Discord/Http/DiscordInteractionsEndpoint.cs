using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Http;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Http;

/// <summary>
/// Interactions over HTTP (<c>Discord:InteractionsUrl</c>; protocols.md A2.5): POST /discord/interactions, each request
/// checked by <see cref="DiscordSignatureVerifier"/> (401 otherwise). PING is answered with PONG; every other interaction
/// goes to the same <see cref="DiscordInteractionDispatcher"/> as the gateway's, which answers through the callback
/// endpoint within the 3 s (deferring commands), so the request itself is answered at once with 202 and no body.
/// </summary>
public sealed class DiscordInteractionsEndpoint(
    DiscordInteractionDispatcher dispatcher,
    DiscordSignatureVerifier verifier,
    IOptions<DiscordOptions> options,
    ILogger<DiscordInteractionsEndpoint> logger) : IAsyncDisposable
{
    public const string Path = "/discord/interactions";
    public const int MaxBodyBytes = 1024 * 1024;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KestrelListener? _listener;

    /// <summary>Completes once the endpoint listens (<see cref="Addresses"/> are known).</summary>
    public Task Listening => _listening.Task;

    /// <summary>The bound addresses (the real port when configured with :0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = await KestrelListener.StartAsync(
            KestrelListener.SplitUrls(options.Value.InteractionsUrl), MaxBodyBytes, app => app.MapPost(Path, (Delegate)HandleAsync), cancellationToken);
        Addresses = _listener.Addresses;
        DiscordLog.HttpListening(logger, string.Join(", ", Addresses));
        _listening.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
            _listener = null;
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (verifier.Check(context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body) is { } refusal)
        {
            DiscordLog.HttpRefused(logger, refusal);
            return Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonElement interaction;
        try
        {
            using var document = JsonDocument.Parse(body);
            interaction = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (interaction.ValueKind != JsonValueKind.Object || !interaction.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.Number)
        {
            return Results.BadRequest();
        }

        if (type.GetInt32() == 1)
        {
            return Results.Json(new JsonObject { ["type"] = 1 });
        }

        await dispatcher.OnDispatchAsync("INTERACTION_CREATE", interaction, context.RequestAborted);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
