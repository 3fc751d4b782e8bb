using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.TestKit.Slack;

/// <summary>
/// The Slack Web API spec (Specs/slack/slack_web_openapi_v2.json, Swagger 2.0): checks a method's arguments
/// against its declared parameters (every name known, every required one present, the token in the header), for the
/// HTTP method the spec declares (write methods POST, read methods such as conversations.replies GET).
/// </summary>
public sealed class SlackWebApiSpec
{
    private readonly JsonElement _paths;

    private SlackWebApiSpec(JsonDocument document) => _paths = document.RootElement.GetProperty("paths");

    public static SlackWebApiSpec Load() =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "slack", "slack_web_openapi_v2.json"))));

    /// <summary>The problems found; empty when the call matches the spec.</summary>
    /// <param name="httpMethod">POST (arguments are formData in the spec) or GET (arguments in the query).</param>
    public IReadOnlyList<string> Check(string method, JsonObject arguments, string? authorization, string httpMethod = "POST")
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(httpMethod);
        var problems = new List<string>();
        if (!_paths.TryGetProperty("/" + method, out var path) || !path.TryGetProperty(httpMethod.ToLowerInvariant(), out var operation))
        {
            return [$"{method}: not a {httpMethod} method in the spec"];
        }

        var argumentsIn = httpMethod == "GET" ? "query" : "formData";

        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!,
                Required: p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True))
            .ToList();

        foreach (var key in arguments.Select(a => a.Key))
        {
            if (!parameters.Any(p => p.Name == key && p.In == argumentsIn))
            {
                problems.Add($"{method}: unknown argument '{key}'");
            }
        }

        foreach (var required in parameters.Where(p => p.Required))
        {
            var present = required.In == "header" || required.Name == "token"
                ? required.Name == "token" && authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true
                : arguments.ContainsKey(required.Name);
            if (!present)
            {
                problems.Add($"{method}: required '{required.Name}' ({required.In}) missing");
            }
        }

        return problems;
    }
}
