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
            Abstained = answer.Abstained,
            ModelFallback = answer.ModelFallback,
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

    /// <summary>
    /// The newest first: <paramref name="limit"/> articles from <paramref name="offset"/> (the command line pages with
    /// --offset), under a header naming their <paramref name="library"/>.
    /// </summary>
    public static ChatReply FromArticles(IReadOnlyList<Article> articles, string library, int offset = 0, int limit = 25)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var title = "Library " + library;
        if (articles.Count == 0)
        {
            return new ChatReply(ReplyKind.ArticleList, "No articles are indexed yet. An admin can add one with `add <url>`.") { Title = title };
        }

        var shown = articles.Skip(offset).Take(limit).ToList();
        var text = shown.Count == articles.Count ? $"{Count(articles.Count, "article")} indexed:"
            : shown.Count == 0 ? $"{Count(articles.Count, "article")} indexed; none after the first {offset}."
            : offset == 0 ? $"{Count(articles.Count, "article")} indexed; the {shown.Count} newest:"
            : $"{Count(articles.Count, "article")} indexed; {offset + 1}–{offset + shown.Count}, newest first:";
        return new ChatReply(ReplyKind.ArticleList, text)
        {
            Title = title,
            Items = shown
                .Select(a => new ReplyItem($"#{a.Id} {a.Title}", a.Url ?? SourceLink(a), $"{Count(a.ChunkCount, "passage")} · added {a.IngestedAt:yyyy-MM-dd}"))
                .ToList(),
        };
    }

    /// <param name="listProblems">False on the command line, which prints each failure on stderr instead.</param>
    public static ChatReply FromIngest(IReadOnlyList<IngestResult> results, bool listProblems = true)
    {
        ArgumentNullException.ThrowIfNull(results);
        var problems = results.Where(r => !r.Succeeded).ToList();
        var text = results.Count == 1
            ? results[0].Succeeded
                ? $"{Describe(results[0].Outcome)}: #{results[0].Article!.Id} {results[0].Article!.Title} ({Count(results[0].Article!.ChunkCount, "passage")})."
                : $"Could not add {results[0].Problem}"
            : $"{Tally(results, IngestOutcome.Added)} added, {Tally(results, IngestOutcome.Updated)} updated, {Tally(results, IngestOutcome.Unchanged)} unchanged, "
              + $"{Tally(results, IngestOutcome.Failed)} failed, {Tally(results, IngestOutcome.Skipped)} skipped (unsupported type).";
        return new ChatReply(results.All(r => r.Outcome == IngestOutcome.Failed) ? ReplyKind.Error : ReplyKind.Info, text)
        {
            Items = results.Count == 1 || !listProblems ? [] : problems.Select(f => new ReplyItem(f.Source, null, (f.Outcome == IngestOutcome.Skipped ? "skipped: " : string.Empty) + (f.Error ?? "failed"))).ToList(),
        };
    }

    /// <summary>"1 passage", "25 passages".</summary>
    public static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    private static int Tally(IReadOnlyList<IngestResult> results, IngestOutcome outcome) => results.Count(r => r.Outcome == outcome);

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
