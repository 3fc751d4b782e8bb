using System.Text.Json.Nodes;
using ChatBot.TestKit.Discord;

namespace ChatBot.Soak;

/// <summary>Discord: hostile interaction payloads through the gateway and raw gateway frames.</summary>
public sealed partial class FuzzPass
{
    private async Task DiscordAsync(CancellationToken cancellationToken)
    {
        var d = discord!;
        var cases = new List<(string Name, JsonObject Payload, bool MustReply)>
        {
            ("interaction without id", Without(Ask("hello"), "id"), false),
            ("interaction without token", Without(Ask("hello"), "token"), false),
            ("interaction without data", Without(Ask("hello"), "data"), false),
            ("unknown command name", FakeDiscordServer.Interaction("0", "rm-rf"), false),
            ("option value is a number", With(Ask("x"), p => p["data"]!["options"]![0]!["value"] = 42), false),
            ("options is a string", With(Ask("x"), p => p["data"]!["options"] = "question"), false),
            ("type is a string", With(Ask("x"), p => p["type"] = "2"), false),
            ("member without user", With(Ask("x"), p => p["member"]!.AsObject().Remove("user")), false),
            ("permissions not a number, admin verb", FakeDiscordServer.Interaction("0", "forget", [new JsonObject { ["name"] = "article", ["type"] = 3, ["value"] = "1" }], permissions: "lots"), true),
            ("question of 200 KB", Ask(new string('a', 100_000) + " LeCun " + new string('z', 100_000)), true),
            ("unicode edge cases", Ask(Unicode), true),
            ("mass mentions in the question", Ask("@everyone @here <@&1> <@1> what did LeCun say?"), true),
            ("unknown interaction type 99", With(Ask("x"), p => p["type"] = 99), false),
        };
        var sent = new List<(string Name, TrackedQuestion Question, bool MustReply)>();
        foreach (var (name, payload, mustReply) in cases.Where(_ => Take()))
        {
            sent.Add((name, await d.SendPayloadAsync(payload, name, mayBeIgnored: !mustReply), mustReply));
        }

        if (Take())
        {
            var lone = await d.SendMutatedAsync(Ask("LONE_SURROGATE what did LeCun say?"), "lone surrogate in the question",
                json => json.Replace("LONE_SURROGATE", "\\ud800", StringComparison.Ordinal), mayBeIgnored: false);
            sent.Add(("lone surrogate in the question", lone, true));
        }

        if (Take())
        {
            var duplicate = Ask("What did Yann LeCun say about DeepSeek R1?");
            var first = await d.SendPayloadAsync(duplicate, "same interaction delivered twice", mayBeIgnored: false);
            await d.SendPayloadAsync((JsonObject)duplicate.DeepClone(), "same interaction delivered twice", false, keepId: true);
            sent.Add(("same interaction delivered twice", first, true));
        }

        var raw = new List<string>();
        if (Take())
        {
            raw.Add("not json at all {");
            raw.Add(new string('[', 5000) + new string(']', 5000));
            raw.Add("{\"op\":0,\"t\":\"INTERACTION_CREATE\",\"s\":\"seven\",\"d\":[1,2,3]}");
            raw.Add("{\"op\":\"zero\"}");
            raw.Add("{\"op\":0,\"t\":\"INTERACTION_CREATE\",\"s\":5,\"d\":" + new string('{', 1) + "\"id\":" + new string('9', 400) + "}}");
        }

        foreach (var frame in raw)
        {
            if (d.Live is { } live)
            {
                await live.SendRawAsync(frame);
            }
        }

        await WaitRepliesAsync(sent.Where(s => s.MustReply).Select(s => s.Question), cancellationToken);
        d.ReadReplies();
        foreach (var (name, question, mustReply) in sent)
        {
            _results.Add(Judge("discord payload", name, question, mustReply));
        }

        if (raw.Count > 0)
        {
            var alive = await d.WaitLiveAsync(null, TimeSpan.FromSeconds(20), cancellationToken) is not null;
            _results.Add(new FuzzCaseResult("discord frame", $"{raw.Count} raw frames (not JSON, 5000-deep arrays, wrong types, 400-digit id)", alive, alive ? "gateway live afterwards" : "gateway never came back"));
        }
    }
}
