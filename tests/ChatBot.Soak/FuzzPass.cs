using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using ChatBot.TestKit.Discord;

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
