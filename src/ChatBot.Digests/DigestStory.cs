using ChatBot.Core.Model;
using ChatBot.Digests.Storage;

namespace ChatBot.Digests;

/// <summary>One digest item: a story, the article that tells it best, and the same story from other sources.</summary>
public sealed record DigestStory(DigestArticle Primary, IReadOnlyList<DigestArticle> Others, string Summary, double Score)
{
    public int SourceCount => Others.Select(o => o.SourceName).Append(Primary.SourceName).Distinct(StringComparer.OrdinalIgnoreCase).Count();
}
