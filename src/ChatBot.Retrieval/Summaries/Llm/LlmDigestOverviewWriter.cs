using System.Text;
using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Answers.Llm;
using ChatBot.Retrieval.Llm;
using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Summaries.Llm;

/// <summary>The digest's opening paragraph, written by the model from the digest's stories; null when the model is unavailable.</summary>
public sealed class LlmDigestOverviewWriter(LlmClient client) : IDigestOverviewWriter
{
    private const int MaxStories = 20;
    private const int StoryCharacters = 400;

    public async Task<string?> WriteOverviewAsync(IReadOnlyList<ReplyItem> stories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        if (stories.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (story, i) in stories.Take(MaxStories).Select((s, i) => (s, i)))
        {
            text.Append("<story id=\"").Append(i + 1).Append("\" title=\"").Append(PassageFence.EscapeAttribute(story.Title)).Append("\">")
                .Append(PassageFence.Escape(PassageFence.Cut(story.Text, StoryCharacters)))
                .Append("</story>\n");
        }

        var correlationId = LlmRetrievalService.NewCorrelationId();
        try
        {
            var overview = await client.CompleteAsync(PromptNames.DigestOverview, new KernelArguments { ["stories"] = text.ToString() }, correlationId, cancellationToken);
            return overview.Contains(PromptNames.NotInArticles, StringComparison.Ordinal) ? null : overview;
        }
        catch (LlmUnavailableException)
        {
            // Logged by the client; a digest without an overview is still a digest.
            return null;
        }
    }
}
