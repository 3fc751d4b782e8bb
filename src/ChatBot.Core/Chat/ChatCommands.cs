namespace ChatBot.Core.Chat;

/// <summary>Facts about the commands that every platform shares: names, admin rights, help text.</summary>
public static class ChatCommands
{
    /// <summary>Commands that change what the bot knows or does; only admins may run them.</summary>
    public static bool RequiresAdmin(ChatCommand command) =>
        command is ChatCommand.Add or ChatCommand.Feeds or ChatCommand.Schedule or ChatCommand.Forget or ChatCommand.AutoSummary
            or ChatCommand.Stats;

    public static string Name(ChatCommand command) => command.ToString().ToLowerInvariant();

    public static bool TryParseName(string name, out ChatCommand command)
    {
        command = name.Trim().TrimStart('/').ToLowerInvariant() switch
        {
            "ask" or "q" => ChatCommand.Ask,
            "summarize" or "summarise" or "summary" => ChatCommand.Summarize,
            "search" or "find" => ChatCommand.Search,
            "digest" => ChatCommand.Digest,
            "add" or "ingest" => ChatCommand.Add,
            "feeds" or "feed" => ChatCommand.Feeds,
            "schedule" => ChatCommand.Schedule,
            "articles" or "list" => ChatCommand.Articles,
            "forget" => ChatCommand.Forget,
            "help" or "?" => ChatCommand.Help,
            "library" => ChatCommand.Library,
            "autosummary" => ChatCommand.AutoSummary,
            "stats" => ChatCommand.Stats,
            _ => ChatCommand.Unknown,
        };
        return command != ChatCommand.Unknown;
    }

    public static readonly IReadOnlyList<(ChatCommand Command, string Usage, string Description)> All =
    [
        (ChatCommand.Ask, "ask <question>", "Answer a question from the indexed articles, with numbered sources."),
        (ChatCommand.Summarize, "summarize <article | url> [short|medium|long]", "Summarise an indexed article, or a web page (indexed first)."),
        (ChatCommand.Search, "search <query>", "The articles that best match, with a snippet each."),
        (ChatCommand.Digest, "digest", "Preview this channel's digest now (does not move the digest watermark)."),
        (ChatCommand.Add, "add <url | path>", "Index a web page, a feed item, a file or a folder (admins)."),
        (ChatCommand.Feeds, "feeds add <url> [channel] | remove <url|id> | list", "RSS/Atom subscriptions for this channel (admins)."),
        (ChatCommand.Schedule, "schedule set \"<cron>\" [time zone] | off | show", "This channel's daily digest schedule (admins)."),
        (ChatCommand.Articles, "articles", "List the indexed articles."),
        (ChatCommand.Forget, "forget <article>", "Remove an article and its passages from the index (admins)."),
        (ChatCommand.AutoSummary, "autosummary on|off", "Reply to links posted in this channel with a short summary and add the articles (admins)."),
        (ChatCommand.Stats, "stats [gaps]", "This library's last 24 h and 7 days: questions, answered and abstained, answer times, 👍/👎, feeds; `gaps`: what it could not answer (admins)."),
        (ChatCommand.Library, "library", "Which library this channel uses: its articles, feeds and digests are its own."),
        (ChatCommand.Help, "help", "This list."),
    ];
}
