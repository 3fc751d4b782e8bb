using System.Diagnostics;
using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Telemetry;
using ChatBot.Digests;
using ChatBot.Worker.Logging;
using ChatBot.Worker.Stats;
using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Commands;

/// <summary>
/// Runs a chat command for any platform: checks admin rights, calls retrieval, composes the reply.
/// Never throws for a user's mistake: bad input gets a clear reply; a failure gets a short reply with
/// the correlation id while the log keeps the detail. An /ask from a platform that shows answers while they are
/// written (<see cref="ChatRequest.OnPartialAnswer"/>) streams through <see cref="IStreamingRetrievalService"/> when a
/// language model is configured; the final reply is composed the same way either way.
/// </summary>
public sealed class CommandRouter(
    IRetrievalService retrieval,
    ILogger<CommandRouter> logger,
    DigestCommands? digests = null,
    IStreamingRetrievalService? streaming = null,
    LibraryMap? libraries = null,
    IArticleReader? articles = null,
    IAutoSummaryChannels? autoSummaries = null,
    QuestionRecorder? questions = null,
    StatsCommand? stats = null) : IChatCommandHandler
{
    private readonly LibraryMap _libraries = libraries ?? new LibraryMap(new LibraryOptions());
    private readonly MessageActions _messageActions = new(retrieval, articles);

    public const int MaxArgumentLength = 2000;

    /// <summary>"Summarize" on a message takes the whole message (Slack allows 40 000 characters; this is plenty).</summary>
    public const int MaxMessageLength = 20_000;

    /// <summary>The local operator's platform: only there may /add name files and folders on this machine.</summary>
    public const string LocalPlatform = "console";

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();

        // Every command runs inside the library of the place it came from; a place without one (a Discord DM unless
        // configured) gets only /help and /library.
        var scope = _libraries.Resolve(request.Platform, request.Workspace, request.ChannelId);
        var reply = await RunAsync(request, scope, cancellationToken);
        ChatTelemetry.RecordRequest(request, reply, started);
        if (questions is not null && scope.Library is not null)
        {
            reply = await questions.RecordAsync(request, scope.Library, reply, Stopwatch.GetElapsedTime(started), cancellationToken);
        }

        return reply;
    }

    private async Task<ChatReply> RunAsync(ChatRequest request, LibraryResolution scope, CancellationToken cancellationToken)
    {
        if (scope.Library is null)
        {
            return request.Command is ChatCommand.Help or ChatCommand.Library
                ? ReplyComposer.Help() with { Note = scope.Refusal }
                : ChatReply.Refusal(scope.Refusal!);
        }

        var library = scope.Library;
        request = request with { Library = library };
        var whyNot = _libraries.WhyAdminMayNotChange(request.Platform, request.Workspace, scope.Library);
        if (ChatCommands.RequiresAdmin(request.Command))
        {
            if (!request.IsAdmin)
            {
                return ChatReply.Refusal($"Only admins can use /{ChatCommands.Name(request.Command)}.");
            }

            if (whyNot is not null)
            {
                return ChatReply.Refusal(request.Command == ChatCommand.Stats ? $"Only the admins of library {library} can see its /stats. {whyNot}" : whyNot);
            }
        }

        var argument = request.Argument.Trim();
        var maxLength = request.Command == ChatCommand.SummarizeMessage ? MaxMessageLength : MaxArgumentLength;
        if (argument.Length > maxLength)
        {
            return ChatReply.Refusal($"That is too long: keep it under {maxLength} characters.");
        }

        try
        {
            return request.Command switch
            {
                ChatCommand.Ask => await AskAsync(request, argument, cancellationToken),
                ChatCommand.Summarize => await SummarizeAsync(library, argument, cancellationToken),
                ChatCommand.SummarizeMessage => await _messageActions.SummarizeMessageAsync(library, argument, cancellationToken),
                ChatCommand.AskArticle => await _messageActions.AskArticleAsync(library, argument, cancellationToken),
                ChatCommand.AutoSummary => await AutoSummaryCommand.HandleAsync(autoSummaries, request, argument, cancellationToken),
                ChatCommand.Stats => stats is null
                    ? ChatReply.Info("/stats is not available in this build.")
                    : await stats.HandleAsync(library, argument, cancellationToken),
                ChatCommand.Search => argument.Length == 0
                    ? ChatReply.Refusal("What should I search for? Try `/search open source models`.")
                    : ReplyComposer.FromSearch(argument, await retrieval.SearchAsync(library, argument, 5, cancellationToken)),
                ChatCommand.Articles => ReplyComposer.FromArticles(await retrieval.ListArticlesAsync(library, cancellationToken), library),
                ChatCommand.Add => argument.Length == 0
                    ? ChatReply.Refusal("Add what? Give a URL (or, at the console, a path).")
                    : request.Platform != LocalPlatform && !IsWebUrl(argument)
                        ? ChatReply.Refusal("From chat, /add takes a web page or feed URL (http or https). Files and folders can be added at the console.")
                        : ReplyComposer.FromIngest(await retrieval.IngestAsync(library, argument, cancellationToken)),
                ChatCommand.Forget => await ForgetAsync(library, argument, cancellationToken),
                ChatCommand.Help => ReplyComposer.Help() with { Note = ReplyComposer.LibraryLine(scope) },
                ChatCommand.Library => ReplyComposer.Library(scope, whyNot),
                ChatCommand.Digest or ChatCommand.Feeds or ChatCommand.Schedule => digests is null
                    ? ChatReply.Info($"/{ChatCommands.Name(request.Command)} is not available in this build yet.")
                    : await digests.HandleAsync(request with { Argument = argument }, cancellationToken),
                _ => ReplyComposer.Help() with { Text = $"I don't know the command “{argument}”. " + ReplyComposer.Help().Text },
            };
        }
        catch (IngestionException ex)
        {
            return new ChatReply(ReplyKind.Error, ex.Message) { Ephemeral = true };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WorkerLog.CommandFailed(logger, ex, request.Command.ToString(), request.Platform, request.CorrelationId);
            return ChatReply.Error("Something went wrong while doing that.", request.CorrelationId);
        }
    }

    private async Task<ChatReply> AskAsync(ChatRequest request, string question, CancellationToken cancellationToken)
    {
        if (question.Length == 0 || !question.Any(char.IsLetterOrDigit))
        {
            return ChatReply.Refusal("What would you like to know? Ask a question, e.g. `/ask What did Yann LeCun say about DeepSeek R1?`");
        }

        var answer = streaming is not null && request.OnPartialAnswer is { } onPartial
            ? await streaming.AskStreamingAsync(request.Library!, question, request.History, ShowPartialAsync, cancellationToken)
            : await retrieval.AskAsync(request.Library!, question, request.History, cancellationToken);
        return ReplyComposer.FromAnswer(answer);

        // A partial update that fails (an edit refused, a rate limit) is skipped: the final reply still comes.
        async Task ShowPartialAsync(string text, CancellationToken token)
        {
            try
            {
                await onPartial(text, token);
                RequestTrace.Current?.FirstPartial();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                WorkerLog.PartialAnswerFailed(logger, ex, request.Platform, request.CorrelationId);
            }
        }
    }

    private async Task<ChatReply> SummarizeAsync(string library, string argument, CancellationToken cancellationToken)
    {
        var (reference, length) = ParseSummarize(argument);
        if (reference.Length == 0)
        {
            return ChatReply.Refusal("Summarize what? Give an article's number or title (see /articles), or a URL.");
        }

        var summary = await retrieval.SummarizeAsync(library, reference, length, cancellationToken);
        return summary is null
            ? ChatReply.Refusal($"No indexed article matches “{reference}”. See /articles.")
            : ReplyComposer.FromSummary(summary);
    }

    private async Task<ChatReply> ForgetAsync(string library, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
        {
            return ChatReply.Refusal("Forget which article? Give its number or title (see /articles).");
        }

        var forgotten = await retrieval.ForgetAsync(library, argument, cancellationToken);
        return forgotten is null
            ? ChatReply.Refusal($"No indexed article matches “{argument}”.")
            : ChatReply.Info($"Forgot #{forgotten.Id} {forgotten.Title} and its passages.");
    }

    /// <summary>An absolute http(s) URL: what chat users may ask the bot to fetch (never a path on the bot's machine).</summary>
    public static bool IsWebUrl(string argument) =>
        Uri.TryCreate(argument.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>"3 short" → (3, Short); a trailing short/medium/long word sets the length.</summary>
    public static (string Reference, SummaryLength Length) ParseSummarize(string argument)
    {
        var text = argument.Trim();
        var space = text.LastIndexOf(' ');
        if (space > 0 && Enum.TryParse<SummaryLength>(text[(space + 1)..], ignoreCase: true, out var length) && !int.TryParse(text[(space + 1)..], out _))
        {
            return (text[..space].Trim(), length);
        }

        return (text, SummaryLength.Medium);
    }
}
