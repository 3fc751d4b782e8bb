using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>
/// Hostile input against the running bot: interaction payloads and raw gateway frames, Socket Mode envelopes and
/// raw frames, command text, Slack slash commands, files (XML bombs, deep HTML, corrupt PDFs, a large document)
/// through the real `ingest` verb in a child process into a store of the run's kind (SQLite or PostgreSQL), and URLs
/// (SSRF targets; a hostile server's redirect loops, slow-loris, 100 MB bodies, XML bombs in feeds, gzip bomb).
/// Passes when nothing crashes or hangs, every well-formed question gets exactly one reply, every envelope with an id
/// is acknowledged, no post can ping everyone, and the bot still answers afterwards.
/// </summary>
public sealed partial class FuzzPass(DiscordLoad? discord, SlackLoad? slack, IRetrievalService retrieval, string workDirectory, ISoakStore fileStore, TextWriter log)
{
    // The command-text cases all land in one Slack channel, whose posts (and a streamed answer's updates) the bot
    // spaces about a second apart as Slack asks: 14 answers there need longer than 20 s.
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);
    private const string Unicode = "\u202Eevil\u202C \u200D\u200B\uFEFF e\u0301\u0301\u0301 👩‍👩‍👧‍👦 \u0000 \uFFFF 𝕃𝕖ℂ𝕦𝕟 what did LeCun say?";
    private const long MaxBytes = 4L * 1024 * 1024;
    private readonly List<FuzzCaseResult> _results = [];
    private int _budget;

    public async Task<IReadOnlyList<FuzzCaseResult>> RunAsync(int maxCases, CancellationToken cancellationToken)
    {
        _budget = maxCases;
        if (discord is not null)
        {
            await DiscordAsync(cancellationToken);
        }

        if (slack is not null)
        {
            await SlackAsync(cancellationToken);
            await CommandTextAsync(cancellationToken);
            await SlashCommandsAsync(cancellationToken);
        }

        await FilesAsync(cancellationToken);
        await UrlsAsync(cancellationToken);
        await SanityAsync(cancellationToken);
        NoMassMentions();
        return _results;
    }

    private bool Take() => _budget-- > 0;

    private static JsonObject Ask(string text) =>
        FakeDiscordServer.Interaction("0", "ask", [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = text }]);

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

    private async Task FilesAsync(CancellationToken cancellationToken)
    {
        if (!Take())
        {
            return;
        }

        var folder = Path.Combine(workDirectory, "fuzz-files");
        Directory.CreateDirectory(folder);
        var files = HostileFiles.Write(folder);
        using var worker = WorkerProcess.Start(workDirectory, ["ingest", folder, "--json", .. fileStore.Settings, "--Ingestion:MaxBytes=" + MaxBytes.ToString(CultureInfo.InvariantCulture)]);
        var started = DateTimeOffset.UtcNow;
        var code = await worker.WaitAsync(TimeSpan.FromSeconds(180));
        var elapsed = DateTimeOffset.UtcNow - started;
        await log.WriteLineAsync($"fuzz files: ingest exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(killed: timeout)"} after {elapsed.TotalSeconds:0.0} s");
        var results = ParseIngest(worker.Output);
        foreach (var file in files.Where(f => !f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file);
            var result = results.FirstOrDefault(r => r.Source.EndsWith(name, StringComparison.Ordinal));
            var passed = code is 0 or 1 or 4 && result.Source is not null;
            var outcome = code is null ? "HUNG (killed after 180 s)"
                : code is not (0 or 1 or 4) ? $"worker exited {code}: {Tail(worker.Error)}"
                : result.Source is null ? "no result reported"
                : result.Outcome + (result.Error is null ? string.Empty : ": " + result.Error);
            _results.Add(new FuzzCaseResult("file", name, passed, outcome));
        }

        // The folder walk skips file types it does not read; named directly, an XML file must get a clear refusal.
        foreach (var file in files.Where(f => f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var single = WorkerProcess.Start(workDirectory, ["ingest", file, "--json", .. fileStore.Settings]);
            var singleCode = await single.WaitAsync(TimeSpan.FromSeconds(60));
            var result = ParseIngest(single.Output).FirstOrDefault();
            var passed = singleCode is 0 or 1 && result.Error is not null;
            _results.Add(new FuzzCaseResult("file", Path.GetFileName(file), passed,
                singleCode is null ? "HUNG (killed after 60 s)" : result.Source is null ? $"worker exited {singleCode}: {Tail(single.Error)}" : result.Outcome + ": " + result.Error));
        }

        if (code is 0 or 1 or 4)
        {
            var check = await fileStore.CheckAsync(null, cancellationToken);
            _results.Add(new FuzzCaseResult("file", "store after the hostile files", check.Consistent, check.ToString()));
        }
    }

    private static List<(string Source, string Outcome, string? Error)> ParseIngest(string output)
    {
        var list = new List<(string, string, string?)>();
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return list;
        }

        try
        {
            using var doc = JsonDocument.Parse(output[start..]);
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                list.Add((r.GetProperty("source").GetString() ?? string.Empty, r.GetProperty("outcome").ToString(), r.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null));
            }
        }
        catch (JsonException)
        {
        }

        return list;
    }

    /// <summary>After the hostile input, an ordinary question still gets an answer on each platform.</summary>
    private async Task SanityAsync(CancellationToken cancellationToken)
    {
        var questions = new List<(string Name, TrackedQuestion Question)>();
        if (discord is not null)
        {
            questions.Add(("discord answers after the fuzz pass", await discord.SendPayloadAsync(Ask("What did Yann LeCun say about DeepSeek R1?"), "sanity", false)));
        }

        if (slack is not null)
        {
            questions.Add(("slack answers after the fuzz pass", await slack.AskAsAsync("EvSane", "1900009999.000100", "What did Yann LeCun say about DeepSeek R1?")));
        }

        await WaitRepliesAsync(questions.Select(q => q.Question), cancellationToken);
        discord?.ReadReplies();
        slack?.ReadReplies();
        foreach (var (name, question) in questions)
        {
            var ok = question.Outcome == QuestionOutcome.Answered && !question.Doubled;
            _results.Add(new FuzzCaseResult("sanity", name, ok, ok ? "answered once" : question.Outcome.ToString()));
        }

        var articles = await retrieval.ListArticlesAsync(LibraryNames.Local, cancellationToken);
        _results.Add(new FuzzCaseResult("sanity", "retrieval service still serves the index", articles.Count > 0, $"{articles.Count} articles listed"));
    }

    /// <summary>
    /// Over the whole run (load and fuzz): no Slack message or response the bot sent carries a live @everyone/@here/
    /// @channel or group mention, and every Discord message body sets allowed_mentions.parse to [] (no mention pings).
    /// </summary>
    private void NoMassMentions()
    {
        if (slack is not null)
        {
            string[] live = ["<!everyone>", "<!here>", "<!channel>", "<!subteam^"];
            var bodies = slack.Server.RequestsSince(0).Where(r => r.Method is "chat.postMessage" or "chat.update" or "response_url").ToList();
            var pinging = bodies.Count(r => live.Any(m => r.AllText.Contains(m, StringComparison.Ordinal)));
            _results.Add(new FuzzCaseResult("mentions", "slack: no live @everyone/@here/@channel/group mention in any post", pinging == 0,
                $"{pinging} of {bodies.Count} posts, updates and responses"));
        }

        if (discord is not null)
        {
            var bodies = discord.Server.RequestsSince(0)
                .Select(r => (Request: r, Json: ParseObject(r.Body)))
                .Where(x => x.Json is { } j && (j["content"] is not null || j["embeds"] is not null || j["data"]?["content"] is not null || j["data"]?["embeds"] is not null))
                .ToList();
            var open = bodies.Count(x => (x.Json!["data"] ?? x.Json)["allowed_mentions"]?["parse"] is not JsonArray { Count: 0 });
            _results.Add(new FuzzCaseResult("mentions", "discord: allowed_mentions.parse = [] on every message body", open == 0,
                $"{open} of {bodies.Count} message bodies without it"));
        }
    }

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FuzzCaseResult Judge(string area, string name, TrackedQuestion question, bool mustReply)
    {
        var outcome = question.Outcome;
        var doubled = question.Doubled;
        var passed = !doubled && (!mustReply || outcome != QuestionOutcome.Lost);
        var what = doubled ? $"ANSWERED TWICE ({question.ReplyCount} replies, {question.Acks} acks)"
            : outcome == QuestionOutcome.Lost ? (mustReply ? "NO REPLY" : question.AckAt is null ? "ignored (no ack)" : "acknowledged, no reply")
            : outcome == QuestionOutcome.Answered ? "one reply"
            : outcome == QuestionOutcome.Busy ? "one polite busy refusal"
            : "one error reply with a ref";
        return new FuzzCaseResult(area, name, passed, what);
    }

    private async Task WaitRepliesAsync(IEnumerable<TrackedQuestion> questions, CancellationToken cancellationToken)
    {
        var list = questions.ToList();
        var until = DateTimeOffset.UtcNow + ReplyTimeout;
        while (DateTimeOffset.UtcNow < until && list.Any(q => q.ReplyCount == 0))
        {
            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(300, cancellationToken);
    }

    private static JsonObject Without(JsonObject payload, string property)
    {
        payload.Remove(property);
        return payload;
    }

    private static JsonObject With(JsonObject payload, Action<JsonObject> change)
    {
        change(payload);
        return payload;
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var crash = lines.FirstOrDefault(l => l.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Unhandled", StringComparison.Ordinal));
        return Shorten(crash ?? (lines.Length == 0 ? string.Empty : lines[^1]));
    }

    private static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..(max - 3)] + "…";
}
