using System.CommandLine;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Worker.Commands;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Worker.Cli;

/// <summary>
/// The command line. No verb runs the bot (chat platforms, or the console prompt when none is configured);
/// the one-shot verbs (ask, summarize, search, ingest, articles, forget) start the index, do one thing and exit.
/// </summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitConfiguration = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ConsoleIo io, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(io);
        var (configuration, commandArgs) = CliArguments.Split(args);
        var json = new Option<bool>("--json") { Description = "Print the reply as JSON." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log progress and diagnostics to stderr.", Recursive = true };

        var root = new RootCommand("ChatBot: answers questions about your articles, with citations. No verb runs the bot.");
        root.Options.Add(verbose);
        root.SetAction((result, ct) => RunBotAsync(configuration, io, error, result.GetValue(verbose), ct));

        var question = new Argument<string[]>("question") { Arity = ArgumentArity.ZeroOrMore, Description = "The question." };
        var ask = new Command("ask", "Answer a question from the indexed articles.") { question, json };
        ask.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(question) ?? []).Trim();
            if (text.Length == 0 || !text.Any(char.IsLetterOrDigit))
            {
                await error.WriteLineAsync("What would you like to know? Give a question, e.g.: ask \"What did Yann LeCun say about DeepSeek R1?\"");
                return ExitUsage;
            }

            var answer = await retrieval.AskAsync(text, null, ct);
            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(new { question = text, answer = answer.Text, answer.Abstained, answer.Confidence, answer.Citations, answer.Note })
                : ConsoleReplyRenderer.Render(ReplyComposer.FromAnswer(answer)));
            return ExitOk;
        }, ct));

        var reference = new Argument<string[]>("article") { Arity = ArgumentArity.ZeroOrMore, Description = "Article id, title or source, or a URL." };
        var length = new Option<SummaryLength>("--length") { Description = "short, medium or long.", DefaultValueFactory = _ => SummaryLength.Medium };
        var summarize = new Command("summarize", "Summarise an indexed article or a web page.") { reference, length, json };
        summarize.Aliases.Add("summarise");
        summarize.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(reference) ?? []).Trim();
            if (text.Length == 0)
            {
                await error.WriteLineAsync("Summarize what? Give an article id or title (see `articles`), or a URL.");
                return ExitUsage;
            }

            var summary = await retrieval.SummarizeAsync(text, result.GetValue(length), ct);
            if (summary is null)
            {
                await error.WriteLineAsync($"No indexed article matches “{text}”. See `articles`.");
                return ExitFailed;
            }

            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(new { articleId = summary.Article.Id, summary.Article.Title, summary.Article.Source, summary.Article.Url, summary = summary.Text, summary.Sentences })
                : ConsoleReplyRenderer.Render(ReplyComposer.FromSummary(summary)));
            return ExitOk;
        }, ct));

        var query = new Argument<string[]>("query") { Arity = ArgumentArity.ZeroOrMore };
        var limit = new Option<int>("--limit") { Description = "How many articles.", DefaultValueFactory = _ => 5 };
        var search = new Command("search", "The articles that best match a query.") { query, limit, json };
        search.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(query) ?? []).Trim();
            if (text.Length == 0)
            {
                await error.WriteLineAsync("Search for what? Give a query.");
                return ExitUsage;
            }

            var hits = await retrieval.SearchAsync(text, Math.Clamp(result.GetValue(limit), 1, 100), ct);
            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(new
                {
                    query = text,
                    results = hits.Select(h => new { articleId = h.Article.Id, h.Article.Title, h.Article.Source, h.Article.Url, h.Snippet, h.Score, h.LexicalRank, h.DenseRank, similarity = h.DenseSimilarity }),
                })
                : ConsoleReplyRenderer.Render(ReplyComposer.FromSearch(text, hits)));
            return ExitOk;
        }, ct));

        var target = new Argument<string>("path-or-url") { Description = "A file, a folder (recursive), or an http(s) URL of a page or a feed." };
        var ingest = new Command("ingest", "Index a file, a folder, a web page or every item of an RSS/Atom feed.") { target, json };
        ingest.Aliases.Add("add");
        ingest.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var results = await IngestProgressReporter.RunAsync(
                sp.GetRequiredService<ChatBot.Retrieval.Ingestion.IngestionPipeline>(),
                IngestProgressReporter.IsInteractive(io.Output) && !result.GetValue(json),
                error,
                () => retrieval.IngestAsync(result.GetValue(target)!, ct));
            if (result.GetValue(json))
            {
                await io.Output.WriteLineAsync(CliJson.Serialize(new { results = results.Select(r => new { r.Source, r.Outcome, articleId = r.Article?.Id, title = r.Article?.Title, r.Error }) }));
            }
            else
            {
                await io.Output.WriteLineAsync(ConsoleReplyRenderer.Render(ReplyComposer.FromIngest(results)));
            }

            foreach (var failure in results.Where(r => !r.Succeeded))
            {
                await error.WriteLineAsync($"error: {failure.Source}: {failure.Error}");
            }

            return results.Count == 0 ? ExitFailed : results.Any(r => !r.Succeeded) ? ExitFailed : ExitOk;
        }, ct));

        var articles = new Command("articles", "List the indexed articles.") { json };
        articles.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var list = await retrieval.ListArticlesAsync(ct);
            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(list.Select(a => new { a.Id, a.Title, a.Source, a.Url, a.Author, a.PublishedAt, a.IngestedAt, a.ChunkCount }))
                : ConsoleReplyRenderer.Render(ReplyComposer.FromArticles(list)));
            return ExitOk;
        }, ct));

        var forgetReference = new Argument<string>("article");
        var forget = new Command("forget", "Remove an article and its passages from the index.") { forgetReference };
        forget.SetAction((result, ct) => WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var forgotten = await retrieval.ForgetAsync(result.GetValue(forgetReference)!, ct);
            if (forgotten is null)
            {
                await error.WriteLineAsync($"No indexed article matches “{result.GetValue(forgetReference)}”.");
                return ExitFailed;
            }

            await io.Output.WriteLineAsync($"Forgot #{forgotten.Id} {forgotten.Title}.");
            return ExitOk;
        }, ct));

        root.Subcommands.Add(ask);
        root.Subcommands.Add(summarize);
        root.Subcommands.Add(search);
        root.Subcommands.Add(ingest);
        root.Subcommands.Add(articles);
        root.Subcommands.Add(forget);
        foreach (var extra in ExtraCommands(configuration, io, error, verbose))
        {
            root.Subcommands.Add(extra);
        }

        var parsed = root.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message);
            }

            await error.WriteLineAsync("Verbs: ask, summarize, search, ingest, articles, forget, eval (and no verb to run the bot). Try --help.");
            return ExitUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = io.Output, Error = error });
    }

    /// <summary>Verbs added by other features (evaluation).</summary>
    private static IEnumerable<Command> ExtraCommands(List<string> configuration, ConsoleIo io, TextWriter error, Option<bool> verbose) =>
    [
        EvalCommands.Create(configuration, io, error, verbose),
    ];

    /// <summary>Starts the host without chat platforms (schema, index, seeds), runs the verb, stops the host.</summary>
    public static async Task<int> WithRetrievalAsync(
        IReadOnlyList<string> configuration,
        ConsoleIo io,
        TextWriter error,
        bool verbose,
        Func<IServiceProvider, IRetrievalService, Task<int>> verb,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        using var host = BuildOrReport(configuration, runPlatforms: false, io, error, verbose ? LogLevel.Information : LogLevel.Warning, out var exitCode);
        if (host is null)
        {
            return exitCode;
        }

        if (!await StartOrReportAsync(host, error, cancellationToken))
        {
            return ExitConfiguration;
        }

        try
        {
            return await verb(host.Services, host.Services.GetRequiredService<IRetrievalService>());
        }
        catch (IngestionException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return ExitFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunBotAsync(IReadOnlyList<string> configuration, ConsoleIo io, TextWriter error, bool verbose, CancellationToken cancellationToken)
    {
        using var host = BuildOrReport(configuration, runPlatforms: true, io, error, verbose ? LogLevel.Debug : LogLevel.Information, out var exitCode);
        if (host is null)
        {
            return exitCode;
        }

        if (!await StartOrReportAsync(host, error, cancellationToken))
        {
            return ExitConfiguration;
        }

        await host.WaitForShutdownAsync(cancellationToken);
        return ExitOk;
    }

    private static IHost? BuildOrReport(IReadOnlyList<string> configuration, bool runPlatforms, ConsoleIo io, TextWriter error, LogLevel level, out int exitCode)
    {
        exitCode = ExitOk;
        try
        {
            return ChatBotHost.Build(configuration, runPlatforms, io, level);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException)
        {
            error.WriteLine("Configuration error: " + ex.Message);
            exitCode = ExitConfiguration;
            return null;
        }
    }

    private static async Task<bool> StartOrReportAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return true;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync("Configuration error: " + failure);
            }

            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            await error.WriteLineAsync("Start-up failed: " + ex.Message);
            return false;
        }
    }
}
