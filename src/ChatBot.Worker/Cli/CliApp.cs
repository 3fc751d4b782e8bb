using System.CommandLine;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Worker.Commands;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>An ingest that wrote some articles while other sources failed or were skipped.</summary>
    public const int ExitPartial = 4;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ConsoleIo io, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(io);
        var (configuration, commandArgs) = CliArguments.Split(args);
        var json = new Option<bool>("--json") { Description = "Print the reply as JSON." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log progress and diagnostics to stderr.", Recursive = true };
        var library = LibraryOption();

        var root = new RootCommand("ChatBot: answers questions about your articles, with citations. No verb runs the bot.");
        root.Options.Add(verbose);
        root.Options.Add(library);
        root.SetAction((result, ct) => CliHost.RunBotAsync(configuration, io, error, result.GetValue(verbose), ct));

        var question = new Argument<string[]>("question") { Arity = ArgumentArity.ZeroOrMore, Description = "The question." };
        var ask = new Command("ask", "Answer a question from the indexed articles.") { question, json };
        ask.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(question) ?? []).Trim();
            if (text.Length == 0 || !text.Any(char.IsLetterOrDigit))
            {
                await error.WriteLineAsync("What would you like to know? Give a question, e.g.: ask \"What did Yann LeCun say about DeepSeek R1?\"");
                return ExitUsage;
            }

            var answer = await retrieval.AskAsync(LibraryOf(result, library, sp), text, null, ct);
            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(new { question = text, answer = answer.Text, answer.Abstained, answer.Confidence, answer.Citations, answer.Note })
                : ConsoleReplyRenderer.Render(ReplyComposer.FromAnswer(answer)));
            return ExitOk;
        }, ct));

        var reference = new Argument<string[]>("article") { Arity = ArgumentArity.ZeroOrMore, Description = "Article id, title or source, or a URL." };
        var length = new Option<SummaryLength>("--length") { Description = "short, medium or long.", DefaultValueFactory = _ => SummaryLength.Medium };
        var summarize = new Command("summarize", "Summarise an indexed article or a web page.") { reference, length, json };
        summarize.Aliases.Add("summarise");
        summarize.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(reference) ?? []).Trim();
            if (text.Length == 0)
            {
                await error.WriteLineAsync("Summarize what? Give an article id or title (see `articles`), or a URL.");
                return ExitUsage;
            }

            var summary = await retrieval.SummarizeAsync(LibraryOf(result, library, sp), text, result.GetValue(length), ct);
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
        search.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var text = string.Join(' ', result.GetValue(query) ?? []).Trim();
            if (text.Length == 0)
            {
                await error.WriteLineAsync("Search for what? Give a query.");
                return ExitUsage;
            }

            var hits = await retrieval.SearchAsync(LibraryOf(result, library, sp), text, Math.Clamp(result.GetValue(limit), 1, 100), ct);
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
        ingest.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var results = await IngestProgressReporter.RunAsync(
                sp.GetRequiredService<ChatBot.Retrieval.Ingestion.IngestionPipeline>(),
                IngestProgressReporter.IsInteractive(io.Output) && !result.GetValue(json),
                error,
                () => retrieval.IngestAsync(LibraryOf(result, library, sp), result.GetValue(target)!, ct));
            if (result.GetValue(json))
            {
                await io.Output.WriteLineAsync(CliJson.Serialize(new { results = results.Select(r => new { r.Source, r.Outcome, articleId = r.Article?.Id, title = r.Article?.Title, r.Error }) }));
            }
            else if (results.Count > 1 || results.Any(r => r.Succeeded))
            {
                await io.Output.WriteLineAsync(ConsoleReplyRenderer.Render(ReplyComposer.FromIngest(results, listProblems: false)));
            }

            foreach (var problem in results.Where(r => !r.Succeeded))
            {
                await error.WriteLineAsync((problem.Outcome == IngestOutcome.Skipped ? "skipped: " : "error: ") + problem.Problem);
            }

            return IngestExitCode(results);
        }, ct));

        var offset = new Option<int>("--offset") { Description = "Skip this many (newest first).", DefaultValueFactory = _ => 0 };
        var pageSize = new Option<int>("--limit") { Description = "How many articles.", DefaultValueFactory = _ => 25 };
        var articles = new Command("articles", "List the indexed articles, newest first.") { pageSize, offset, json };
        articles.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var (skip, take) = (result.GetValue(offset), result.GetValue(pageSize));
            if (skip < 0 || take < 1)
            {
                await error.WriteLineAsync("--limit must be at least 1 and --offset at least 0.");
                return ExitUsage;
            }

            var list = await retrieval.ListArticlesAsync(LibraryOf(result, library, sp), ct);
            await io.Output.WriteLineAsync(result.GetValue(json)
                ? CliJson.Serialize(list.Skip(skip).Take(take).Select(a => new { a.Id, a.Title, a.Source, a.Url, a.Author, a.PublishedAt, a.IngestedAt, a.ChunkCount }))
                : ConsoleReplyRenderer.Render(ReplyComposer.FromArticles(list, LibraryOf(result, library, sp), skip, take)));
            return ExitOk;
        }, ct));

        var forgetReference = new Argument<string>("article");
        var forget = new Command("forget", "Remove an article and its passages from the index.") { forgetReference };
        forget.SetAction((result, ct) => CliHost.WithRetrievalAsync(configuration, io, error, result.GetValue(verbose), async (sp, retrieval) =>
        {
            var forgotten = await retrieval.ForgetAsync(LibraryOf(result, library, sp), result.GetValue(forgetReference)!, ct);
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

        // No response files: "@everyone what about open source?" is a question pasted from chat, not a file to read.
        var parsed = root.Parse(commandArgs, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message);
            }

            await error.WriteLineAsync("Verbs: ask, summarize, search, ingest, articles, forget, eval, health (and no verb to run the bot). Try --help.");
            return ExitUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = io.Output, Error = error });
    }

    /// <summary><c>--library NAME</c> on every verb: the library it reads and changes (default <c>Libraries:Default</c>, "local").</summary>
    private static Option<string?> LibraryOption()
    {
        var option = new Option<string?>("--library") { Description = "The library to use (default: Libraries:Default, \"local\"). Discord servers' are discord:<guild id>, Slack workspaces' slack:<team id>.", Recursive = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !LibraryNames.IsValidReference(name))
            {
                result.AddError($"--library: “{name}” is not a library name (1-{LibraryNames.MaxLength} of a-z, 0-9, '-', '_', '.'; or discord:<id>, slack:<id>).");
            }
        });
        return option;
    }

    private static string LibraryOf(ParseResult result, Option<string?> option, IServiceProvider services) =>
        result.GetValue(option) ?? services.GetRequiredService<IOptions<LibraryOptions>>().Value.Default;

    /// <summary>Verbs added by other features (evaluation).</summary>
    private static IEnumerable<Command> ExtraCommands(List<string> configuration, ConsoleIo io, TextWriter error, Option<bool> verbose) =>
    [
        EvalCommands.Create(configuration, io, error, verbose),
        HealthCommand.Create(configuration, io, error),
    ];

    /// <summary>0 everything indexed, 4 some indexed and some failed or skipped, 1 nothing indexed.</summary>
    public static int IngestExitCode(IReadOnlyList<IngestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var succeeded = results.Count(r => r.Succeeded);
        return succeeded == 0 ? ExitFailed : succeeded == results.Count ? ExitOk : ExitPartial;
    }
}
