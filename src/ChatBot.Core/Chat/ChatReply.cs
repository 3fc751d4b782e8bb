using ChatBot.Core.Model;

namespace ChatBot.Core.Chat;

public enum ReplyKind
{
    Answer,
    Summary,
    SearchResults,
    ArticleList,
    Digest,
    Help,
    Info,
    Refusal,
    Error,
    Busy,
}

/// <summary>
/// A platform-neutral reply. <see cref="Text"/> is plain text that may contain citation markers
/// ("[1]") and **bold**; each platform renders it (Discord embeds, Slack Block Kit, terminal text)
/// and neutralises mentions.
/// </summary>
public sealed record ChatReply(ReplyKind Kind, string Text)
{
    public string? Title { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>Listed items: search hits, articles, digest stories.</summary>
    public IReadOnlyList<ReplyItem> Items { get; init; } = [];

    /// <summary>Buttons under the reply.</summary>
    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];

    /// <summary>Only the asker sees it (where the platform can do that).</summary>
    public bool Ephemeral { get; init; }

    /// <summary>A short line under the reply, such as "the model was unavailable".</summary>
    public string? Note { get; init; }

    /// <summary>An answer saying the articles do not hold it (counted as "abstained").</summary>
    public bool Abstained { get; init; }

    /// <summary>Why the answer was quoted instead of written by the model (<see cref="Model.Answer.ModelFallback"/>); not shown.</summary>
    public string? ModelFallback { get; init; }

    public static ChatReply Info(string text) => new(ReplyKind.Info, text);

    public static ChatReply Error(string text, string correlationId) =>
        new(ReplyKind.Error, $"{text} (ref {correlationId})") { Ephemeral = true };

    public static ChatReply Refusal(string text) => new(ReplyKind.Refusal, text) { Ephemeral = true };

    /// <summary>"Try again later": the request was not taken. Only the asker sees it.</summary>
    public static ChatReply Busy(string text) => new(ReplyKind.Busy, text) { Ephemeral = true };
}

/// <summary>One listed item of a reply.</summary>
/// <param name="Sources">Further links for the same item (a story covered by two feeds).</param>
public sealed record ReplyItem(string Title, string? Url, string Text, IReadOnlyList<ReplyLink>? Sources = null);

public sealed record ReplyLink(string Title, string? Url);

/// <summary>A button. <see cref="Id"/> is what comes back when it is pressed ("summarize:42", "feedback:up").</summary>
public sealed record ReplyAction(string Id, string Label);
