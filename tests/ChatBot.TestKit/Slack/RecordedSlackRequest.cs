using System.Text.Json.Nodes;

namespace ChatBot.TestKit.Slack;

/// <summary>One request the fake Slack received: a Web API call ("chat.postMessage") or a response_url post ("response_url").</summary>
public sealed record RecordedSlackRequest(string Method, string? Authorization, string? ContentType, string Body, DateTimeOffset At)
{
    /// <summary>The HTTP status the fake answered with (429 when rate limited).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The request path (tells response_url posts apart: /respond/{id}).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The ts the fake answered a successful chat.postMessage or chat.update with (null otherwise).</summary>
    public string? ResponseTs { get; init; }

    /// <summary>GET or POST.</summary>
    public string HttpMethod { get; init; } = "POST";

    /// <summary>The query string ("?channel=…&amp;ts=…"), for GET calls.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>What the official Web API spec says is wrong with the call's arguments; empty when it matches.</summary>
    public IReadOnlyList<string> SpecProblems { get; init; } = [];

    /// <summary>The body as JSON (null when it is not JSON).</summary>
    public JsonObject? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    public string? Channel => (string?)Json?["channel"];

    public string? ThreadTs => (string?)Json?["thread_ts"];

    /// <summary>The body with JSON string escapes undone (\u003C is shown as &lt;): what Slack would read, for content checks.</summary>
    public string AllText => Json?.ToJsonString(Relaxed) ?? Body;

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
