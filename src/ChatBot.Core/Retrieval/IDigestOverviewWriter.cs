using ChatBot.Core.Chat;

namespace ChatBot.Core.Retrieval;

/// <summary>Writes a digest's opening paragraph from its stories. Registered only when a language model is configured.</summary>
public interface IDigestOverviewWriter
{
    /// <returns>The overview, or null when none could be written (the digest is posted without one).</returns>
    Task<string?> WriteOverviewAsync(IReadOnlyList<ReplyItem> stories, CancellationToken cancellationToken);
}
