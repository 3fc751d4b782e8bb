using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;

namespace ChatBot.Worker.Commands;

/// <summary>Turns retrieval results into platform-neutral replies (the same on Discord, Slack and the console).</summary>
public static class ReplyComposer
{
    public static ChatReply FromAnswer(Answer answer)
    {
        var actions = new List<ReplyAction>();
        if (!answer.Abstained && answer.Citations.Count > 0)
        {
            actions.Add(new ReplyAction("sources", "Sources"));
            actions.Add(new ReplyAction("summarize:" + answer.Citations[0].ArticleId.ToString(CultureInfo.InvariantCulture), "Summarize source 1"));
            actions.Add(new ReplyAction("feedback:up", "👍"));
            actions.Add(new ReplyAction("feedback:down", "👎"));
        }

        return new ChatReply(ReplyKind.Answer, answer.Text)
        {
            Title = answer.Abstained ? "Not in the indexed articles" : null,
            Citations = answer.Citations,
            Actions = actions,
            Note = answer.Note,
        };
    }

    public static ChatReply FromSummary(Summary summary) =>
        new(ReplyKind.Summary, summary.Text)
        {
            Title = "Summary: " + summary.Article.Title,
            Citations = [summary.Citation],
            Note = summary.Note,
        };

    public static ChatReply FromSearch(string query, IReadOnlyList<SearchHit> hits) =>
        hits.Count == 0
            ? new ChatReply(ReplyKind.SearchResults, $"No indexed article matches “{query}”.")
            : new ChatReply(ReplyKind.SearchResults, $"Top {hits.Count} for “{query}”:")
            {
                Items = hits.Select(h => new ReplyItem($"#{h.Article.Id} {h.Article.Title}", h.Article.Url ?? SourceLink(h.Article), h.Snippet)).ToList(),
            };

    public static ChatReply FromArticles(IReadOnlyList<Article> articles)
    {
        if (articles.Count == 0)
        {
            return new ChatReply(ReplyKind.ArticleList, "No articles are indexed yet. An admin can add one with `add <url>`.");
        }

        const int Shown = 25;
        return new ChatReply(ReplyKind.ArticleList, articles.Count > Shown ? $"{articles.Count} articles indexed; the {Shown} newest:" : $"{articles.Count} article(s) indexed:")
        {
            Items = articles.Take(Shown)
                .Select(a => new ReplyItem($"#{a.Id} {a.Title}", a.Url ?? SourceLink(a), $"{a.ChunkCount} passages · added {a.IngestedAt:yyyy-MM-dd}"))
                .ToList(),
        };
    }

    public static ChatReply FromIngest(IReadOnlyList<IngestResult> results)
    {
        var failed = results.Where(r => !r.Succeeded).ToList();
        var ok = results.Where(r => r.Succeeded).ToList();
        var text = results.Count == 1
            ? results[0].Succeeded
                ? $"{Describe(results[0].Outcome)}: #{results[0].Article!.Id} {results[0].Article!.Title} ({results[0].Article!.ChunkCount} passages)."
                : $"Could not add {results[0].Source}: {results[0].Error}"
            : $"{ok.Count(r => r.Outcome == IngestOutcome.Added)} added, {ok.Count(r => r.Outcome == IngestOutcome.Updated)} updated, {ok.Count(r => r.Outcome == IngestOutcome.Unchanged)} unchanged, {failed.Count} failed.";
        return new ChatReply(failed.Count == results.Count ? ReplyKind.Error : ReplyKind.Info, text)
        {
            Items = results.Count == 1 ? [] : failed.Select(f => new ReplyItem(f.Source, null, f.Error ?? "failed")).ToList(),
        };
    }

    public static ChatReply Help()
    {
        return new ChatReply(ReplyKind.Help, "I answer questions about the articles I have read, with numbered sources. Commands:")
        {
            Items = ChatCommands.All.Select(c => new ReplyItem("/" + c.Usage, null, c.Description)).ToList(),
            Ephemeral = true,
        };
    }

    /// <summary>The /library reply: the channel's library, whether it is shared, and whether this place's admins may change it.</summary>
    public static ChatReply Library(LibraryResolution scope, string? whyAdminMayNotChange)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var changes = whyAdminMayNotChange is null ? "Admins here can add and forget articles, feeds and schedules in it." : whyAdminMayNotChange;
        return new ChatReply(ReplyKind.Info, LibraryLine(scope) + " " + changes) { Ephemeral = true };
    }

    public static string LibraryLine(LibraryResolution scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Shared
            ? $"This channel uses library {scope.Library} (shared with other places by the Libraries configuration)."
            : $"This channel uses library {scope.Library}.";
    }

    private static string? SourceLink(Article article) =>
        article.Source.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? article.Source : null;

    private static string Describe(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Added => "Added",
        IngestOutcome.Updated => "Updated",
        _ => "Already indexed, unchanged",
    };
}
