using System.Globalization;
using System.Text;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Digests.Logging;
using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Summaries;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

/// <summary>
/// Turns a window's articles into a digest: near-duplicates merged into one story (title-term Jaccard, or the same
/// lead text, URL or content hash), stories ordered by importance (coverage across sources, then recency), each a one-
/// or two-sentence extractive summary with its link, rendered as one or more platform-neutral <see cref="ChatReply"/> parts.
/// With a language model (<see cref="IDigestOverviewWriter"/> registered) the first part opens with an overview paragraph;
/// without one, or when it fails, the extractive digest is posted unchanged.
/// </summary>
public sealed class DigestComposer(
    ExtractiveSummarizer summarizer,
    IOptions<DigestOptions> options,
    IDigestOverviewWriter? overviewWriter = null,
    ILogger<DigestComposer>? logger = null)
{
    public const int MaxTitleLength = 250;
    public const int MaxItemTextLength = 1000;
    public const int MaxOverviewLength = 1500;
    private const int LeadTerms = 60;

    public IReadOnlyList<DigestStory> BuildStories(IReadOnlyList<DigestArticle> articles, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var settings = options.Value;
        var titles = articles.Select(a => TermSet(a.Title, int.MaxValue)).ToList();
        var leads = articles.Select(a => TermSet(a.Text, LeadTerms)).ToList();
        var parent = Enumerable.Range(0, articles.Count).ToArray();
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                if (SameStory(articles[i], articles[j], titles[i], titles[j], leads[i], leads[j], settings.SimilarityThreshold))
                {
                    parent[Find(parent, j)] = Find(parent, i);
                }
            }
        }

        var stories = new List<DigestStory>();
        foreach (var group in Enumerable.Range(0, articles.Count).GroupBy(i => Find(parent, i)))
        {
            var members = group.Select(i => articles[i])
                .OrderByDescending(a => a.Text.Length)
                .ThenBy(a => a.PublishedAt ?? a.IngestedAt)
                .ThenBy(a => a.Id)
                .ToList();
            var primary = members[0];
            var others = members.Skip(1).OrderBy(a => a.IngestedAt).ThenBy(a => a.Id).ToList();
            var newest = members.Max(a => a.PublishedAt is { } p && p <= windowEnd ? p : a.IngestedAt);
            var ageHours = Math.Max(0, (windowEnd - newest).TotalHours);
            var coverage = members.Select(m => m.SourceName).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var score = coverage + Math.Exp(-ageHours / 24.0);
            stories.Add(new DigestStory(primary, others, Summarize(primary, settings.SummarySentences), score));
        }

        return stories
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Primary.Id)
            .Take(settings.MaxItems)
            .ToList();
    }

    /// <summary>
    /// The posted parts: a header on the first, at most MaxItemsPerPart stories and MaxCharsPerPart characters each. With an
    /// overview writer the first part keeps room for the overview whether or not one is written, so that every part still
    /// fits one platform message (a part posted as two messages could have its first posted twice by a retry) and a retry
    /// that renders without the overview splits the stories exactly as the first attempt did.
    /// </summary>
    public IReadOnlyList<ChatReply> Render(IReadOnlyList<DigestStory> stories, DigestHeading heading)
    {
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(heading);
        var settings = options.Value;
        var items = stories.Select(ToItem).ToList();
        var chunks = new List<List<ReplyItem>>();
        var current = new List<ReplyItem>();
        var chars = overviewWriter is null ? 0 : MaxOverviewLength + 2;
        foreach (var item in items)
        {
            var size = Size(item);
            if (current.Count > 0 && (current.Count >= settings.MaxItemsPerPart || chars + size > settings.MaxCharsPerPart))
            {
                chunks.Add(current);
                current = [];
                chars = 0;
            }

            current.Add(item);
            chars += size;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        var date = heading.LocalDate.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var title = (heading.Preview ? "Digest preview — " : heading.CatchUp ? "Catch-up digest — " : "Daily digest — ") + date;
        var sourceCount = stories.SelectMany(s => s.Others.Append(s.Primary)).Select(a => a.SourceName).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var text = string.Create(CultureInfo.InvariantCulture, $"**{stories.Count} {(stories.Count == 1 ? "story" : "stories")}** from {sourceCount} {(sourceCount == 1 ? "source" : "sources")}, most important first.");
        string? note = heading.Preview
            ? "Preview: the next scheduled digest will still include these stories."
            : heading.CatchUp
                ? heading.MissedSlots > 1
                    ? string.Create(CultureInfo.InvariantCulture, $"Catch-up: the bot was offline for {heading.MissedSlots} scheduled digests; this one covers everything since the last digest.")
                    : "Catch-up: this digest is late; it covers everything since the last digest."
                : null;

        var parts = new List<ChatReply>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var partTitle = chunks.Count == 1 ? title : string.Create(CultureInfo.InvariantCulture, $"{title} ({i + 1}/{chunks.Count})");
            parts.Add(new ChatReply(ReplyKind.Digest, i == 0 ? text : string.Empty)
            {
                Title = partTitle,
                Items = chunks[i],
                Note = i == chunks.Count - 1 ? note : null,
            });
        }

        return parts;
    }

    /// <summary>
    /// <see cref="Render"/>, then the overview paragraph written from all the parts' stories put at the top of the first
    /// part's text. A failing or empty overview leaves the parts as they are.
    /// </summary>
    public async Task<IReadOnlyList<ChatReply>> RenderAsync(IReadOnlyList<DigestStory> stories, DigestHeading heading, CancellationToken cancellationToken)
    {
        var parts = Render(stories, heading);
        if (overviewWriter is null || parts.Count == 0)
        {
            return parts;
        }

        string? overview;
        try
        {
            overview = await overviewWriter.WriteOverviewAsync(parts.SelectMany(p => p.Items).ToList(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DigestLog.DigestOverviewFailed(logger ?? NullLogger<DigestComposer>.Instance, ex);
            return parts;
        }

        if (string.IsNullOrWhiteSpace(overview))
        {
            return parts;
        }

        var first = parts[0] with { Text = Truncate(overview.Trim(), MaxOverviewLength) + "\n\n" + parts[0].Text };
        return [first, .. parts.Skip(1)];
    }

    /// <summary>The line posted for an empty window, or null when the configuration says to post nothing.</summary>
    public ChatReply? NothingNew(DigestHeading heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = options.Value.NothingNewText;
        return string.IsNullOrWhiteSpace(text)
            ? null
            : new ChatReply(ReplyKind.Digest, text.Trim()) { Title = "Daily digest — " + heading.LocalDate.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) };
    }

    private string Summarize(DigestArticle article, int sentences)
    {
        var spans = summarizer.Summarize(article.Text, article.Title, sentences);
        var summary = spans.Count > 0
            ? string.Join(' ', spans.Select(s => article.Text.Substring(s.Start, s.Length).Trim()))
            : article.Text.Trim();
        return Truncate(summary.ReplaceLineEndings(" "), 400);
    }

    private static ReplyItem ToItem(DigestStory story)
    {
        var primary = story.Primary;
        IReadOnlyList<ReplyLink>? sources = story.Others.Count == 0
            ? null
            : story.Others.Select(o => new ReplyLink(Truncate($"{o.SourceName}: {o.Title}", MaxTitleLength), o.Url)).ToList();
        var text = new StringBuilder(Truncate(story.Summary, MaxItemTextLength - 80));
        text.Append(" — ").Append(Truncate(primary.SourceName, 60));
        return new ReplyItem(Truncate(primary.Title, MaxTitleLength), primary.Url, text.ToString(), sources);
    }

    private static int Size(ReplyItem item) =>
        item.Title.Length + item.Text.Length + (item.Url?.Length ?? 0) + (item.Sources?.Sum(s => s.Title.Length + (s.Url?.Length ?? 0) + 4) ?? 0) + 8;

    private static bool SameStory(DigestArticle a, DigestArticle b, HashSet<string> titleA, HashSet<string> titleB, HashSet<string> leadA, HashSet<string> leadB, double threshold)
    {
        if (a.ContentHash == b.ContentHash || (a.Url is not null && string.Equals(Normalize(a.Url), Normalize(b.Url), StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return (titleA.Count >= 2 && titleB.Count >= 2 && Jaccard(titleA, titleB) >= threshold)
            || (leadA.Count >= 12 && leadB.Count >= 12 && Jaccard(leadA, leadB) >= 0.8);
    }

    private static string? Normalize(string? url) => url?.Split('#')[0].TrimEnd('/');

    private static HashSet<string> TermSet(string text, int limit) =>
        TextTerms.ContentTerms(text.Length > 4000 ? text[..4000] : text).Take(limit).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var intersection = a.Count(b.Contains);
        var union = a.Count + b.Count - intersection;
        return union == 0 ? 0 : intersection / (double)union;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
