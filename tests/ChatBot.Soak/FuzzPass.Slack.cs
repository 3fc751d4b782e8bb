using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>Slack: hostile Socket Mode envelopes and raw frames, command text, and slash commands.</summary>
public sealed partial class FuzzPass
{
    private async Task SlackAsync(CancellationToken cancellationToken)
    {
        var s = slack!;
        var envelopes = new List<(string Name, JsonObject Envelope)>();
        JsonObject Env(string id, string type, JsonNode? payload) => new()
        {
            ["envelope_id"] = id,
            ["type"] = type,
            ["accepts_response_payload"] = false,
            ["retry_attempt"] = 0,
            ["payload"] = payload,
        };
        var mention = SlackPayloads.AppMention("EvF1", "1900000001.000100", "hi");
        envelopes.Add(("envelope without payload", Env("fz-1", "events_api", null)));
        envelopes.Add(("payload without event", Env("fz-2", "events_api", new JsonObject { ["type"] = "event_callback", ["event_id"] = "EvF2" })));
        envelopes.Add(("event text is a number", Env("fz-3", "events_api", With((JsonObject)mention.DeepClone(), p => { p["event_id"] = "EvF3"; p["event"]!["text"] = 42; }))));
        envelopes.Add(("event without user, channel and ts", Env("fz-4", "events_api", With((JsonObject)mention.DeepClone(), p => { p["event_id"] = "EvF4"; p["event"] = new JsonObject { ["type"] = "app_mention" }; }))));
        envelopes.Add(("unknown envelope type", Env("fz-5", "mystery_type", new JsonObject())));
        envelopes.Add(("payload is an array", Env("fz-6", "events_api", new JsonArray(1, 2, 3))));
        envelopes.Add(("slash command with missing fields", Env("fz-7", "slash_commands", new JsonObject { ["command"] = "/ask" })));
        envelopes.Add(("interactive payload of the wrong shape", Env("fz-8", "interactive", new JsonObject { ["type"] = "block_actions", ["actions"] = "none" })));
        var sent = new List<(string Name, string Id)>();
        foreach (var (name, envelope) in envelopes.Where(_ => Take()))
        {
            if (await s.SendEnvelopeAsync(envelope) is { } id)
            {
                sent.Add((name, id));
            }
        }

        if (Take())
        {
            foreach (var frame in new[] { "not json", new string('{', 3000), "[]", "\"just a string\"", "{\"type\":\"events_api\"}" })
            {
                await s.SendRawAsync(frame);
            }
        }

        var questions = new List<(string Name, TrackedQuestion Question)>();
        if (Take())
        {
            questions.Add(("mention of 200 KB", await s.AskAsAsync("EvF10", "1900000010.000100", new string('b', 200_000) + " LeCun?")));
        }

        if (Take())
        {
            questions.Add(("unicode edge cases", await s.AskAsAsync("EvF11", "1900000011.000100", Unicode)));
        }

        if (Take())
        {
            var q = await s.AskAsAsync("EvF12", "1900000012.000100", "What did Yann LeCun say about DeepSeek R1?");
            await s.AskAsAsync("EvF12", "1900000012.000100", "What did Yann LeCun say about DeepSeek R1?");
            questions.Add(("same event delivered twice (retry_attempt 1)", q));
        }

        await WaitRepliesAsync(questions.Select(q => q.Question), cancellationToken);
        await Task.Delay(500, cancellationToken);
        s.ReadReplies();
        foreach (var (name, id) in sent)
        {
            var acked = s.WasAcked(id);
            _results.Add(new FuzzCaseResult("slack envelope", name, acked, acked ? "acknowledged, no reply expected" : "never acknowledged"));
        }

        foreach (var (name, question) in questions)
        {
            _results.Add(Judge("slack event", name, question, mustReply: true));
        }

        if (envelopes.Count > 0)
        {
            var alive = await s.WaitLiveAsync(1, TimeSpan.FromSeconds(20), cancellationToken);
            _results.Add(new FuzzCaseResult("slack frame", "raw frames (not JSON, 3000-deep object, array, string, no envelope id)", alive, alive ? "Socket Mode live afterwards" : "no live socket afterwards"));
        }
    }

    private async Task CommandTextAsync(CancellationToken cancellationToken)
    {
        string[] texts =
        [
            string.Empty,
            "ask",
            "summarize ../../../../etc/passwd",
            "summarize 99999999999999999999999999",
            "add http://169.254.169.254/latest/meta-data/",
            "add file:///etc/passwd",
            "forget 1",
            "schedule set * * * * * Mars/Olympus_Mons",
            "feeds add http://127.0.0.1:2375/containers/json",
            "search " + string.Concat(Enumerable.Repeat("needle ", 2000)),
            "<!everyone> <!here> <!channel> what did LeCun say?",
            "ask `code` *bold* _it_ ~strike~ &amp; &lt;script&gt;",
            "digest",
            "help",
        ];
        var questions = new List<(string Name, TrackedQuestion Question)>();
        var n = 100;
        foreach (var text in texts.Where(_ => Take()))
        {
            n++;
            var ts = (1_900_000_000 + n).ToString(CultureInfo.InvariantCulture) + ".000100";
            questions.Add((Shorten(text), await slack!.AskAsAsync("EvCmd" + n.ToString(CultureInfo.InvariantCulture), ts, text)));
        }

        await WaitRepliesAsync(questions.Select(q => q.Question), cancellationToken);
        await Task.Delay(500, cancellationToken);
        slack!.ReadReplies();
        foreach (var (name, question) in questions)
        {
            _results.Add(Judge("command text", name.Length == 0 ? "(empty mention)" : name, question, mustReply: true));
        }
    }

    /// <summary>Slack slash commands with hostile text: each is acknowledged and answered once through its response_url.</summary>
    private async Task SlashCommandsAsync(CancellationToken cancellationToken)
    {
        (string Command, string Text)[] commands =
        [
            ("/ask", string.Empty),
            ("/ask", new string('x', 12_000)),
            ("/ask", Unicode),
            ("/ask", "<!everyone> <@U0BOTUSER> <#C01|general> <https://evil.example|click> what did LeCun say?"),
            ("/summarize", "../../../../etc/passwd"),
            ("/search", "\"'; DROP TABLE articles; -- OR 1=1 \\"),
            ("/forget", "1"),
            ("/add", "file:///etc/passwd"),
            ("/schedule", "set 99 99 99 99 99 Nowhere/Nothing"),
            ("/rm-rf", "/"),
        ];
        var s = slack!;
        var sent = new List<(string Name, string EnvelopeId, string Path)>();
        var n = 0;
        foreach (var (command, text) in commands.Where(_ => Take()))
        {
            n++;
            var id = "fzc-" + n.ToString(CultureInfo.InvariantCulture);
            var responseUrl = s.Server.ResponseUrl(id);
            var payload = SlackPayloads.SlashCommand(command, text, responseUrl, "trig-" + id, user: "UFUZZ0001");
            if (await s.SendEnvelopeAsync(SlackPayloads.Envelope("env-" + id, "slash_commands", payload)) is { } envelopeId)
            {
                sent.Add((command + " " + Shorten(text), envelopeId, responseUrl.AbsolutePath));
            }
        }

        int Responses(string path) => s.Server.Requests("response_url").Count(r => r.Path == path);
        var until = DateTimeOffset.UtcNow + ReplyTimeout;
        while (DateTimeOffset.UtcNow < until && sent.Any(c => Responses(c.Path) == 0))
        {
            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(500, cancellationToken);
        foreach (var (name, envelopeId, path) in sent)
        {
            var acked = s.WasAcked(envelopeId);
            var responses = Responses(path);
            _results.Add(new FuzzCaseResult("slack slash command", name, acked && responses >= 1,
                !acked ? "never acknowledged" : responses == 0 ? "NO REPLY" : $"acknowledged, {responses} response_url post(s)"));
        }
    }
}
