using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatBot.Core.Telemetry;

/// <summary>The instruments of the bot's background work: digests, embeddings, connections and the store.</summary>
public static partial class ChatTelemetry
{
    /// <summary>Digest slots by platform and outcome (posted, empty, retried, failed, abandoned).</summary>
    public static readonly Counter<long> DigestSlots = Meter.CreateCounter<long>(
        "chatbot.digest.slots", "{slot}", "Digest slots by platform and outcome (posted, empty, retried, failed, abandoned).");

    /// <summary>Texts encoded into vectors by the embedding model (passages at ingest, questions, answer sentences).</summary>
    public static readonly Counter<long> EmbeddingsEncoded = Meter.CreateCounter<long>(
        "chatbot.embeddings.encoded", "{text}", "Texts encoded into vectors by the embedding model.");

    /// <summary>Slack Socket Mode connections replaced at Slack's request, by reason (warning, refresh_requested, other).</summary>
    public static readonly Counter<long> SocketRefreshes = Meter.CreateCounter<long>(
        "chatbot.slack.socket.refreshes", "{refresh}", "Slack Socket Mode connections replaced at Slack's request, by reason.");

    /// <summary>Gateway session resumes answered, by platform and outcome (resumed; rejected: a new session follows).</summary>
    public static readonly Counter<long> Resumes = Meter.CreateCounter<long>(
        "chatbot.gateway.resumes", "{resume}", "Gateway session resumes by platform and outcome (resumed, rejected).");

    /// <summary>Store operations run again on a fresh connection after the connection was lost, by dialect.</summary>
    public static readonly Counter<long> StoreRetries = Meter.CreateCounter<long>(
        "chatbot.store.retries", "{retry}", "Store operations retried after a lost connection, by dialect.");

    /// <summary>Counts a digest slot's outcome on a platform.</summary>
    public static void RecordDigestSlot(string platform, string outcome) =>
        DigestSlots.Add(1, new TagList { { "platform", platform.ToLowerInvariant() }, { "outcome", outcome } });

    /// <summary>Counts <paramref name="count"/> texts encoded by <paramref name="model"/>.</summary>
    public static void RecordEmbeddings(string model, int count) =>
        EmbeddingsEncoded.Add(count, new TagList { { "model", model } });

    /// <summary>Counts a Socket Mode refresh; a reason Slack may add later is counted as "other".</summary>
    public static void RecordSocketRefresh(string reason) =>
        SocketRefreshes.Add(1, new TagList { { "reason", reason is "warning" or "refresh_requested" ? reason : "other" } });

    /// <summary>Counts a resume the gateway answered: resumed, or rejected (invalid session).</summary>
    public static void RecordResume(string platform, bool resumed) =>
        Resumes.Add(1, new TagList { { "platform", platform }, { "outcome", resumed ? "resumed" : "rejected" } });

    /// <summary>Counts a store operation about to run again after a lost connection.</summary>
    public static void RecordStoreRetry(string dialect) => StoreRetries.Add(1, new TagList { { "dialect", dialect } });
}
