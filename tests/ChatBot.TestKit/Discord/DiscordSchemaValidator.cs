using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ChatBot.TestKit.Discord;

/// <summary>Checks request bodies against the request schemas of Discord's official OpenAPI spec (Specs/discord/openapi.json).</summary>
public static class DiscordSchemaValidator
{
    private static readonly Lazy<JsonObject> Spec = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "discord", "openapi.json")))!.AsObject());

    // Lazy: a schema registers its $id globally, so each must be built exactly once even when requests race.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>Errors of a body against the spec's application/json request schema for a path template; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string method, string pathTemplate, string body)
    {
        var key = method.ToLowerInvariant() + " " + pathTemplate;
        var schema = Schemas.GetOrAdd(key, k => new Lazy<JsonSchema>(() => Build(k))).Value;
        using var doc = JsonDocument.Parse(body);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    /// <summary>Removes OpenAPI "x-…" extension keywords, which a strict JSON Schema dialect refuses.</summary>
    private static void StripExtensions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    StripExtensions(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripExtensions(child);
                }

                break;
        }
    }

    private static JsonSchema Build(string key)
    {
        var parts = key.Split(' ', 2);
        var operation = Spec.Value["paths"]?[parts[1]]?[parts[0]]
            ?? throw new InvalidOperationException($"The Discord spec has no operation {key}.");
        var requestSchema = operation["requestBody"]?["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"The Discord spec has no JSON request body for {key}.");
        var root = requestSchema.DeepClone().AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var id = new Uri("https://discord.test/schemas/" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]);
        root["$id"] = id.AbsoluteUri;
        root["$defs"] = Spec.Value["components"]!["schemas"]!.DeepClone();
        StripExtensions(root);
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, BuildOptions.Default, id);
    }
}
