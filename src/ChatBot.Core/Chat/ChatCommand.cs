namespace ChatBot.Core.Chat;

/// <summary>The bot's commands, the same on every platform.</summary>
public enum ChatCommand
{
    Unknown,
    Help,
    Ask,
    Summarize,
    Search,
    Digest,
    Add,
    Feeds,
    Schedule,
    Articles,
    Forget,
    Library,

    /// <summary>"Summarize" on a message (a Discord message command, a Slack message shortcut): the argument is the message's text.</summary>
    SummarizeMessage,

    /// <summary>"Ask about this article": the argument is the article (a URL or number), a space, then the question.</summary>
    AskArticle,

    /// <summary>Per-channel link summaries on or off (admins).</summary>
    AutoSummary,

    /// <summary>The library's questions, answers and feedback over the last day and week; "gaps": what it could not answer (admins).</summary>
    Stats,
}
