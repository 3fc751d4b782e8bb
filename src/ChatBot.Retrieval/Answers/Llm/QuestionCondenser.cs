using System.Text;
using ChatBot.Core.Chat;
using ChatBot.Retrieval.Llm;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>Rewrites a follow-up ("why does he think so?") into a standalone question using the thread's earlier turns.</summary>
public sealed class QuestionCondenser(LlmClient client, ILogger<QuestionCondenser> logger)
{
    /// <summary>Turns of the thread given to the model, most recent last.</summary>
    public const int MaxTurns = 8;

    private const int MaxTurnCharacters = 600;

    public async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        var arguments = new KernelArguments
        {
            ["history"] = FormatHistory(history, question),
            ["question"] = question.Trim(),
        };
        var reply = await client.CompleteAsync(PromptNames.Condense, arguments, correlationId, cancellationToken);
        var standalone = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        standalone = standalone.Trim('"', '“', '”', ' ');
        if (standalone.StartsWith("Standalone question:", StringComparison.OrdinalIgnoreCase))
        {
            standalone = standalone["Standalone question:".Length..].Trim();
        }

        if (standalone.Length == 0 || standalone.Length > 4 * Math.Max(question.Length, 200))
        {
            standalone = question.Trim();
        }

        LlmLog.Condensed(logger, question, standalone, correlationId);
        return standalone;
    }

    /// <summary>"User: …" / "Bot: …" lines, the last <see cref="MaxTurns"/> turns, without the follow-up itself.</summary>
    internal static string FormatHistory(IReadOnlyList<ConversationTurn> history, string question)
    {
        var turns = history.ToList();
        if (turns.Count > 0 && turns[^1].Role == ConversationRole.User && string.Equals(turns[^1].Text.Trim(), question.Trim(), StringComparison.Ordinal))
        {
            turns.RemoveAt(turns.Count - 1);
        }

        var text = new StringBuilder();
        foreach (var turn in turns.TakeLast(MaxTurns))
        {
            text.Append(turn.Role == ConversationRole.User ? "User: " : "Bot: ")
                .Append(PassageFence.Cut(turn.Text.ReplaceLineEndings(" ").Trim(), MaxTurnCharacters))
                .Append('\n');
        }

        return text.ToString().TrimEnd();
    }
}
