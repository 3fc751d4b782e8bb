using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;

namespace ChatBot.Core.Telemetry;

/// <summary>
/// The bot's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <see cref="Name"/>, and the
/// instruments every part records into. Tags are low-cardinality only (platform, command, outcome, provider, kind):
/// never a user, channel, library or question. With no listener (no exporter configured) an instrument or a span costs a
/// flag check. The metric names and an example scrape: docs/operations.md.
/// </summary>
public static partial class ChatTelemetry
{
    public const string Name = "ChatBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Chat requests handled, by platform, command and outcome (questions: command="ask").</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "chatbot.requests", "{request}", "Chat requests by platform, command and outcome (answered, abstained, refused, failed, busy).");

    /// <summary>
    /// Seconds the command handler took to make the reply, by platform, command and outcome (a queue wait before it is in
    /// the <c>chat.request</c> span, which runs from the platform event to the posted reply).
    /// </summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "chatbot.request.duration", "s", "Time the command handler took to make the reply.",
        advice: SecondsBuckets());

    /// <summary>Articles ingested, by source kind (web, feed, file) and outcome (added, updated, unchanged, failed, skipped).</summary>
    public static readonly Counter<long> Ingests = Meter.CreateCounter<long>(
        "chatbot.ingests", "{article}", "Articles ingested by source kind and outcome.");

    /// <summary>
    /// Language model calls, by provider, outcome (ok, fallback: the reply is quoted from the articles instead) and the
    /// fallback's reason (timeout, http, empty, unreadable, budget; "none" when ok).
    /// </summary>
    public static readonly Counter<long> ModelCalls = Meter.CreateCounter<long>(
        "chatbot.model.calls", "{call}", "Language model calls by provider, outcome (ok, fallback) and reason.");

    /// <summary>Gateway or socket reconnections, by platform and kind (resume: the session goes on; identify: a new one).</summary>
    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "chatbot.gateway.reconnects", "{reconnect}", "Gateway reconnections by platform and kind (resume, identify).");

    /// <summary>Feed polls, by outcome (ok, failed).</summary>
    public static readonly Counter<long> FeedPolls = Meter.CreateCounter<long>(
        "chatbot.feed.polls", "{poll}", "Feed polls by outcome (ok, failed).");

    /// <summary>Times a platform client waited on a 429 (rate limited), by platform.</summary>
    public static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(
        "chatbot.ratelimit.waits", "{wait}", "Responses 429 (rate limited) waited out, by platform.");

    /// <summary>The outcome tag of a reply: answered, abstained, refused, failed or busy.</summary>
    public static string Outcome(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Kind switch
        {
            ReplyKind.Error => "failed",
            ReplyKind.Busy => "busy",
            ReplyKind.Refusal => "refused",
            _ => reply.Abstained ? "abstained" : "answered",
        };
    }

    /// <summary>Counts a handled request and its time since <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void RecordRequest(ChatRequest request, ChatReply reply, long startedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = Outcome(reply);
        var tags = new TagList
        {
            { "platform", request.Platform },
            { "command", ChatCommands.Name(request.Command) },
            { "outcome", outcome },
        };
        Requests.Add(1, tags);
        if (RequestDuration.Enabled)
        {
            RequestDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
        }

        RequestTrace.Current?.Handled(ChatCommands.Name(request.Command));
        if (Activity.Current is { } span)
        {
            span.SetTag("chatbot.command", ChatCommands.Name(request.Command));
            span.SetTag("chatbot.outcome", outcome);
        }
    }

    /// <summary>Counts ingested sources by <paramref name="kind"/> (web, file, feed) and outcome.</summary>
    public static void RecordIngests(string kind, IEnumerable<IngestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!Ingests.Enabled)
        {
            return;
        }

        foreach (var result in results)
        {
            Ingests.Add(1, new TagList { { "kind", kind }, { "outcome", result.Outcome.ToString().ToLowerInvariant() } });
        }
    }

    /// <summary>Counts a model call: ok when <paramref name="fallbackReason"/> is null, else a fallback for that reason.</summary>
    public static void RecordModelCall(string provider, string? fallbackReason) =>
        ModelCalls.Add(1, new TagList { { "provider", provider }, { "outcome", fallbackReason is null ? "ok" : "fallback" }, { "reason", fallbackReason ?? "none" } });

    /// <summary>Counts a 429 (rate limited) response that the platform client waits out.</summary>
    public static void RecordRateLimitWait(string platform) => RateLimitWaits.Add(1, new TagList { { "platform", platform } });

    /// <summary>Counts a reconnection about to be made (after a drop, a requested reconnect or a close that allows one).</summary>
    public static void RecordReconnect(string platform, bool resume) =>
        Reconnects.Add(1, new TagList { { "platform", platform }, { "kind", resume ? "resume" : "identify" } });

    /// <summary>Counts a feed poll: ok (fetched, changed or not) or failed.</summary>
    public static void RecordFeedPoll(bool ok) => FeedPolls.Add(1, new TagList { { "outcome", ok ? "ok" : "failed" } });

    /// <summary>
    /// Counts a request turned away because the queue was full (it never reached the command handler); its command is
    /// "unparsed" when the platform had not read it yet.
    /// </summary>
    public static void RecordBusy(string platform, ChatCommand? command = null) =>
        Requests.Add(1, new TagList { { "platform", platform }, { "command", command is { } c ? ChatCommands.Name(c) : "unparsed" }, { "outcome", "busy" } });

    /// <summary>
    /// The root span of one platform event, from its arrival (<paramref name="receivedAt"/>, when it was queued before)
    /// to the posted reply, with its answer-latency clock (<see cref="RequestTrace"/>); null when nobody listens. The command
    /// handler tags it with the command and outcome. Dispose it after the reply is posted.
    /// </summary>
    public static RequestTrace? StartRequest(string platform, string correlationId, DateTimeOffset? receivedAt = null)
    {
        if (!Source.HasListeners() && !AnswerLatency.Enabled)
        {
            return null;
        }

        var activity = Source.StartActivity("chat.request", ActivityKind.Server, parentContext: default, startTime: receivedAt ?? default);
        activity?.SetTag("chatbot.platform", platform);
        activity?.SetTag("chatbot.correlation_id", correlationId);
        return RequestTrace.Begin(platform, receivedAt ?? DateTimeOffset.UtcNow, activity);
    }

    /// <summary>A child span of the current one (search, answer, post); null when nobody listens.</summary>
    public static Activity? Start(string name) => Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>The <c>chat.ingest</c> span of one ingest by source <paramref name="kind"/> (web, file, feed): a child of the request's, or a root for a feed poll.</summary>
    public static Activity? StartIngest(string kind) => Start("chat.ingest")?.SetTag("chatbot.kind", kind);

    /// <summary>The <c>chat.answer</c> span, by <paramref name="answerer"/>: extractive (sentences from the articles) or model (written by the language model).</summary>
    public static Activity? StartAnswer(string answerer) => Start("chat.answer")?.SetTag("chatbot.answerer", answerer);

    /// <summary>Histogram buckets for latencies in seconds (50 ms to a minute).</summary>
    private static InstrumentAdvice<double> SecondsBuckets() =>
        new() { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60] };
}
