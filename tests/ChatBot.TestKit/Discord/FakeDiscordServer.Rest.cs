using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatBot.TestKit.Discord;

/// <summary>The REST side: each request recorded and schema-checked, scripted failures and rate limits, the answers Discord gives.</summary>
public sealed partial class FakeDiscordServer
{
    private async Task HandleRestAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? string.Empty;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var template = TemplateOf(path);
        IReadOnlyList<string> errors;
        try
        {
            errors = body.Length > 0 && template is not null && method is "POST" or "PUT" or "PATCH"
                ? DiscordSchemaValidator.Validate(method, template, body)
                : [];
        }
        catch (Exception ex)
        {
            errors = ["schema check failed: " + ex];
        }
        var authorized = context.Request.Headers.Authorization == "Bot " + BotToken || path.Contains("/interactions/", StringComparison.Ordinal) || path.Contains("/webhooks/", StringComparison.Ordinal);
        var (failed, failure) = authorized ? TakeFailure(method, template) : default;
        failed &= failure.Status != PassThrough;
        var request = new FakeDiscordRequest(
            method, path, template ?? path, body, context.Request.Headers.Authorization, context.Request.Headers.UserAgent,
            context.Request.ContentType, errors, DateTimeOffset.UtcNow)
        {
            Status = !authorized ? 401 : failed ? failure.Status : 200,
            ResponseId = authorized && !failed && CreatesOrEditsMessage(method, template) ? NextMessageId() : null,
        };
        lock (_requests)
        {
            _requests.Add(request);
            var previous = _requestArrived;
            _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }

        if (!authorized)
        {
            await WriteAsync(context, 401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        if (failed)
        {
            if (failure.Status == 429)
            {
                context.Response.Headers["Retry-After"] = Math.Ceiling(failure.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (failure.Global)
                {
                    context.Response.Headers["X-RateLimit-Global"] = "true";
                    context.Response.Headers["X-RateLimit-Scope"] = "global";
                }

                await WriteAsync(context, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = failure.RetryAfter, ["global"] = failure.Global });
            }
            else
            {
                await WriteAsync(context, failure.Status, new JsonObject { ["message"] = "scripted failure", ["code"] = 0 });
            }

            return;
        }

        context.Response.Headers["X-RateLimit-Limit"] = "5";
        context.Response.Headers["X-RateLimit-Remaining"] = "4";
        context.Response.Headers["X-RateLimit-Reset-After"] = "1.0";
        switch (template)
        {
            case "/gateway/bot":
                await WriteAsync(context, 200, new JsonObject
                {
                    ["url"] = GatewayUrl,
                    ["shards"] = RecommendedShards,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = MaxConcurrency },
                });
                break;
            case "/applications/{application_id}/commands" or "/applications/{application_id}/guilds/{guild_id}/commands":
                await WriteAsync(context, 200, JsonNode.Parse(body.Length == 0 ? "[]" : body)!);
                break;
            case "/interactions/{interaction_id}/{interaction_token}/callback":
            case "/webhooks/{webhook_id}/{webhook_token}/messages/@original" when method == "DELETE":
                context.Response.StatusCode = 204;
                break;
            default:
                await WriteAsync(context, 200, new JsonObject { ["id"] = request.ResponseId ?? NextMessageId(), ["channel_id"] = "4400000000000000004" });
                break;
        }
    }

    /// <summary>Takes the first scripted failure of this method and route, if any.</summary>
    private (bool Failed, (string Method, string Template, int Status, double RetryAfter, bool Global) Failure) TakeFailure(string method, string? template)
    {
        lock (_failures)
        {
            var index = _failures.FindIndex(f => f.Method == method && f.Template == template);
            if (index < 0)
            {
                return default;
            }

            var failure = _failures[index];
            _failures.RemoveAt(index);
            return (true, failure);
        }
    }

    private static bool CreatesOrEditsMessage(string method, string? template) =>
        (method == "POST" && template is "/channels/{channel_id}/messages" or "/webhooks/{webhook_id}/{webhook_token}")
        || (method == "PATCH" && template == "/webhooks/{webhook_id}/{webhook_token}/messages/@original");

    /// <summary>Message ids are unique for the life of the server (the gateway sequence restarts on every IDENTIFY).</summary>
    private string NextMessageId() => "9" + Interlocked.Increment(ref _messageIds).ToString("D18", System.Globalization.CultureInfo.InvariantCulture);

    private static string? TemplateOf(string path)
    {
        if (!path.StartsWith("/api/v10", StringComparison.Ordinal))
        {
            return null;
        }

        var p = path["/api/v10".Length..];
        if (p == "/gateway/bot")
        {
            return p;
        }

        if (GuildCommands().IsMatch(p))
        {
            return "/applications/{application_id}/guilds/{guild_id}/commands";
        }

        if (GlobalCommands().IsMatch(p))
        {
            return "/applications/{application_id}/commands";
        }

        if (Callback().IsMatch(p))
        {
            return "/interactions/{interaction_id}/{interaction_token}/callback";
        }

        if (Original().IsMatch(p))
        {
            return "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
        }

        if (Webhook().IsMatch(p))
        {
            return "/webhooks/{webhook_id}/{webhook_token}";
        }

        return ChannelMessages().IsMatch(p) ? "/channels/{channel_id}/messages" : p;
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"^/applications/\d+/guilds/\d+/commands$")]
    private static partial Regex GuildCommands();

    [GeneratedRegex(@"^/applications/\d+/commands$")]
    private static partial Regex GlobalCommands();

    [GeneratedRegex(@"^/interactions/\d+/[^/]+/callback$")]
    private static partial Regex Callback();

    [GeneratedRegex(@"^/webhooks/\d+/[^/]+/messages/@original$")]
    private static partial Regex Original();

    [GeneratedRegex(@"^/webhooks/\d+/[^/]+$")]
    private static partial Regex Webhook();

    [GeneratedRegex(@"^/channels/\d+/messages$")]
    private static partial Regex ChannelMessages();
}
