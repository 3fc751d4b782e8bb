using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Http;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Http;

/// <summary>
/// The Events API over HTTP (protocols.md B2): one Kestrel endpoint for events, slash commands and
/// interactivity (POST /slack/events, /slack/commands, /slack/interactivity, all alike). Every request is
/// signature-checked, answered within Slack's 3 s (the work is queued), url_verification is echoed.
/// </summary>
public sealed class SlackHttpEndpoint(
    SlackInbox inbox,
    SlackRequestVerifier verifier,
    IOptions<SlackOptions> options,
    ILogger<SlackHttpEndpoint> logger) : IAsyncDisposable, IDisposable
{
    public const int MaxBodyBytes = 1024 * 1024;
    private KestrelListener? _listener;

    /// <summary>The bound addresses (the real port when configured with :0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = await KestrelListener.StartAsync(KestrelListener.SplitUrls(options.Value.HttpUrls), MaxBodyBytes, Map, cancellationToken);
        Addresses = _listener.Addresses;
        SlackLog.HttpListening(logger, string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
            _listener = null;
        }
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/slack/events", (Delegate)HandleAsync);
        app.MapPost("/slack/commands", (Delegate)HandleAsync);
        app.MapPost("/slack/interactivity", (Delegate)HandleAsync);
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        var check = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (check != SlackSignatureResult.Valid)
        {
            SlackLog.SignatureRejected(logger, request.Path, check.ToString());
            return Results.Unauthorized();
        }

        if (request.Headers.TryGetValue("X-Slack-Retry-Num", out var retryNum))
        {
            SlackLog.HttpRetry(logger, retryNum.ToString(), request.Headers["X-Slack-Retry-Reason"]);
        }

        var requestId = context.TraceIdentifier;
        var text = Encoding.UTF8.GetString(body);
        try
        {
            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (SlackInbox.Text(root, "type") == "url_verification")
                {
                    return Results.Text(SlackInbox.Text(root, "challenge") ?? string.Empty, "text/plain");
                }

                if (SlackInbox.Text(root, "type") == "event_callback")
                {
                    inbox.Accept(SlackDeliveryKind.Event, root, requestId);
                }

                return Results.Ok();
            }

            var form = QueryHelpers.ParseQuery(text);
            if (form.TryGetValue("ssl_check", out _))
            {
                return Results.Ok();
            }

            if (form.TryGetValue("payload", out var payload))
            {
                using var document = JsonDocument.Parse(payload.ToString());
                inbox.Accept(SlackDeliveryKind.Interaction, document.RootElement, requestId);
                return Results.Ok();
            }

            if (form.ContainsKey("command"))
            {
                var fields = new JsonObject();
                foreach (var (key, value) in form)
                {
                    fields[key] = value.ToString();
                }

                using var document = JsonDocument.Parse(fields.ToJsonString());
                var ack = inbox.Accept(SlackDeliveryKind.SlashCommand, document.RootElement, requestId);
                return Results.Text(ack?.ToJsonString() ?? string.Empty, "application/json");
            }

            return Results.BadRequest();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
    }
}
