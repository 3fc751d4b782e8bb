using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatBot.TestKit.Slack;

public sealed partial class FakeSlackServer
{
    private static readonly Lazy<SlackWebApiSpec> Spec = new(SlackWebApiSpec.Load);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _threads = new(StringComparer.Ordinal);

    /// <summary>The most messages one conversations.replies page holds, whatever <c>limit</c> asks (small to force paging).</summary>
    public int RepliesPageSize { get; set; } = 200;

    /// <summary>
    /// The messages of a thread as conversations.replies returns them (parent first); use <see cref="SlackPayloads.ThreadMessage"/>.
    /// </summary>
    public void SetThread(string channel, string threadTs, IEnumerable<JsonObject> messages) =>
        _threads[channel + "/" + threadTs] = [.. messages];

    private async Task<IResult> HandleApiAsync(HttpContext context, string method)
    {
        var body = await ReadBodyAsync(context);
        var arguments = Arguments(context, body);
        var retryAfter = 0;
        var channel = method == "chat.postMessage" ? (string?)arguments["channel"] : null;
        var limited = ((channel is not null && _rateLimits.TryGetValue(RateLimitKey(method, channel), out var channelLimits) && channelLimits.TryDequeue(out retryAfter))
            || (_rateLimits.TryGetValue(method, out var limits) && limits.TryDequeue(out retryAfter))) && retryAfter != PassThrough;
        var bearer = (string?)context.Request.Headers.Authorization ?? string.Empty;
        var bot = bearer.StartsWith("Bearer xoxb-", StringComparison.Ordinal);
        JsonObject? reply = limited ? null : method switch
        {
            "auth.test" when AuthError is not null => Error(AuthError),
            "auth.test" when bot => new JsonObject
            {
                ["ok"] = true,
                ["url"] = "https://acme.slack.com/",
                ["team"] = "Acme",
                ["user"] = "chatbot",
                ["team_id"] = TeamId,
                ["user_id"] = BotUserId,
                ["bot_id"] = BotId,
            },
            "apps.connections.open" when bearer.StartsWith("Bearer xapp-", StringComparison.Ordinal) => new JsonObject
            {
                ["ok"] = true,
                ["url"] = new Uri(BaseUrl, "link/?ticket=" + Guid.NewGuid().ToString("N")).AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal),
            },
            "chat.postMessage" or "chat.update" when bot => PostReply(arguments),
            "chat.postEphemeral" when bot => EphemeralReply(arguments),
            "chat.delete" when bot => arguments["channel"] is null || arguments["ts"] is null
                ? Error("message_not_found")
                : new JsonObject { ["ok"] = true, ["channel"] = (string?)arguments["channel"], ["ts"] = (string?)arguments["ts"] },
            "conversations.replies" when bot => RepliesPage(arguments),
            "views.open" when bot => OpenView(arguments),
            "auth.test" or "apps.connections.open" or "chat.postMessage" or "chat.update" or "chat.postEphemeral" or "chat.delete"
                or "conversations.replies" or "views.open" => Error("not_authed"),
            _ => Error("unknown_method"),
        };
        var problems = method is "apps.connections.open" ? [] : Spec.Value.Check(method, arguments, bearer, context.Request.Method);
        Record(context, method, body, limited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK, (string?)reply?["ts"] ?? (string?)reply?["message_ts"], problems);
        if (limited)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (method == "apps.connections.open" && ConnectionsOpenDelay > TimeSpan.Zero)
        {
            await Task.Delay(ConnectionsOpenDelay, context.RequestAborted);
        }

        return Results.Json(reply);
    }

    /// <summary>The call's arguments: the JSON body, or the query string and form fields (read methods).</summary>
    private static JsonObject Arguments(HttpContext context, string body)
    {
        if (Parse(body) is { } json)
        {
            return json;
        }

        var arguments = new JsonObject();
        foreach (var (key, value) in context.Request.Query)
        {
            arguments[key] = value.ToString();
        }

        if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                arguments[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
            }
        }

        return arguments;
    }

    private JsonObject PostReply(JsonObject body)
    {
        if (body["channel"] is null)
        {
            return Error("channel_not_found");
        }

        if (body["text"] is null && body["blocks"] is null)
        {
            return Error("no_text");
        }

        var ts = (string?)body["ts"] ?? NextTs();
        return new JsonObject { ["ok"] = true, ["channel"] = (string?)body["channel"], ["ts"] = ts };
    }

    private JsonObject EphemeralReply(JsonObject body) =>
        body["channel"] is null ? Error("channel_not_found")
        : body["user"] is null ? Error("user_not_in_channel")
        : body["text"] is null && body["blocks"] is null ? Error("no_text")
        : new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() };

    /// <summary>views.open: a trigger_id and a modal view whose JSON has a type, a title and blocks.</summary>
    private static JsonObject OpenView(JsonObject arguments)
    {
        if (string.IsNullOrEmpty((string?)arguments["trigger_id"]))
        {
            return Error("invalid_trigger_id");
        }

        if (((string?)arguments["trigger_id"])!.StartsWith("expired", StringComparison.Ordinal))
        {
            return Error("expired_trigger_id");
        }

        var view = (string?)arguments["view"] is { } text ? Parse(text) : null;
        return view is null || (string?)view["type"] != "modal" || view["title"] is null || view["blocks"] is not JsonArray
            ? Error("invalid_arguments")
            : new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V0123MODAL", ["type"] = "modal" } };
    }

    /// <summary>One page of a scripted thread: the cursor is the offset of the page's first message.</summary>
    private JsonObject RepliesPage(JsonObject arguments)
    {
        if (!_threads.TryGetValue((string?)arguments["channel"] + "/" + (string?)arguments["ts"], out var messages))
        {
            return Error("thread_not_found");
        }

        var offset = int.TryParse((string?)arguments["cursor"] is { Length: > 0 } c ? c["offset:".Length..] : "0", CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse((string?)arguments["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, RepliesPageSize) : RepliesPageSize;
        var page = messages.Skip(offset).Take(limit).Select(m => m.DeepClone()).ToArray();
        var next = offset + page.Length < messages.Count ? "offset:" + (offset + page.Length).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(page),
            ["has_more"] = next.Length > 0,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        };
    }

    private string NextTs() => $"{Interlocked.Increment(ref _ts).ToString(CultureInfo.InvariantCulture)}.000100";

    private static string RateLimitKey(string method, string? channel) => channel is null ? method : method + "#" + channel;

    private static JsonObject? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };
}
