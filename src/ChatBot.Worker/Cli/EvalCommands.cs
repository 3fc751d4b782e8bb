using System.CommandLine;
using System.Globalization;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Evaluation;
using ChatBot.Retrieval.Search;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Worker.Cli;

/// <summary>
/// `eval retrieval|qa|summaries`: indexes the corpus into a fresh store under a temp directory (never the user's),
/// writes one prediction per line and prints the metrics.
/// </summary>
public static class EvalCommands
{
    public static Command Create(IReadOnlyList<string> configuration, ConsoleIo io, TextWriter error, Option<bool> verbose)
    {
        ArgumentNullException.ThrowIfNull(io);
        var eval = new Command("eval", "Measure retrieval, answers or summaries on a labelled data set.");

        var corpus = new Option<FileInfo>("--corpus") { Description = "JSON Lines {id, title?, text}: one article each.", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "JSON Lines {id, question, passage_ids?}.", Required = true };
        var qrels = new Option<FileInfo?>("--qrels") { Description = "TSV query-id, corpus-id, score with a header (else passage_ids)." };
        var k = new Option<int>("--k") { Description = "Ranked ids written per query.", DefaultValueFactory = _ => 10 };
        var predictions = new Option<FileInfo>("--predictions") { Description = "Where to write predictions (JSON Lines).", Required = true };
        var mode = new Option<SearchMode>("--mode") { Description = "hybrid, lexical or dense.", DefaultValueFactory = _ => SearchMode.Hybrid };
        var limit = new Option<int?>("--limit") { Description = "Only the first N queries, questions or inputs." };
        var allModes = new Option<bool>("--all-modes") { Description = "Also report the other two modes (from the same index)." };
        var indexDirectory = new Option<DirectoryInfo?>("--index-dir") { Description = "Keep the evaluation index in this directory and reuse it (unchanged documents are not embedded again). Default: a fresh temp directory." };

        var otherLibrary = new Option<FileInfo[]>("--other-library")
        {
            Description = "Corpora (JSON Lines, as --corpus) indexed into a second library of the same store after the first ranking, which is then repeated: how another library's rows move the scores (FTS5's term statistics).",
        };
        var retrieval = new Command("retrieval", "recall@1/5/10, MRR@10 and nDCG@10 of document ranking.") { corpus, queries, qrels, k, predictions, mode, limit, allModes, indexDirectory, otherLibrary };
        retrieval.SetAction((result, ct) => WithFreshStoreAsync(configuration, io, error, result.GetValue(verbose), result.GetValue(indexDirectory), async services =>
        {
            var runner = services.GetRequiredService<EvaluationRunner>();
            var documents = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(result.GetValue(corpus)!.FullName, ct);
            var questions = Limit(await EvalFiles.ReadJsonLinesAsync<EvalQuestion>(result.GetValue(queries)!.FullName, ct), result.GetValue(limit));
            var relevance = result.GetValue(qrels) is { } q ? await EvalFiles.ReadQrelsAsync(q.FullName, ct) : null;
            var ids = await IndexAsync(runner, documents, error, ct);
            var (rows, report) = await runner.RankAsync(questions, relevance, ids, result.GetValue(mode), Math.Max(1, result.GetValue(k)), ct);
            await EvalFiles.WriteJsonLinesAsync(result.GetValue(predictions)!.FullName, rows, ct);
            await io.Output.WriteLineAsync(report.ToString());
            await ReportOtherModesAsync();
            if (result.GetValue(otherLibrary) is { Length: > 0 } others)
            {
                var count = 0;
                foreach (var file in others)
                {
                    var other = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(file.FullName, ct);
                    count = (await IndexAsync(runner, other, error, ct, EvaluationRunner.OtherLibrary)).Count; // the whole library so far
                }

                await io.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"with library {EvaluationRunner.OtherLibrary} ({count} documents) in the same store:"));
                await io.Output.WriteLineAsync((await runner.RankAsync(questions, relevance, ids, result.GetValue(mode), Math.Max(1, result.GetValue(k)), ct)).Report.ToString());
                await ReportOtherModesAsync();
            }

            async Task ReportOtherModesAsync()
            {
                foreach (var other in Enum.GetValues<SearchMode>().Where(m => m != result.GetValue(mode) && result.GetValue(allModes)))
                {
                    var (_, otherReport) = await runner.RankAsync(questions, relevance, ids, other, Math.Max(1, result.GetValue(k)), ct);
                    await io.Output.WriteLineAsync(otherReport.ToString());
                }
            }
        }, ct));

        var questionsOption = new Option<FileInfo>("--questions") { Description = "JSON Lines {id, question, answers, passage_ids?}.", Required = true };
        var split = new Option<string>("--split") { Description = "train, test or all: the declared split by article (FNV-1a of article_id, odd = test).", DefaultValueFactory = _ => "all" };
        var sample = new Option<int?>("--sample") { Description = "A fixed sample of N evenly spaced questions of the split." };
        var nearMiss = new Option<bool>("--near-miss") { Description = "Also ask each answerable question with the sentences holding its answer hidden (must abstain)." };
        var offTopic = new Option<bool>("--off-topic") { Description = "Also ask each answerable question over other articles' passages only, its own as if not indexed (must abstain)." };
        var followUps = new Option<bool>("--follow-ups") { Description = "Also ask follow-up pairs (the article's subject replaced by 'it'), with and without the previous turn." };
        var contextWeights = new Option<string?>("--context-weights") { Description = "With --follow-ups: also ask each follow-up with the conversation at each of these topic weights (e.g. 0,0.1,0.25,0.5,1) and print the weight the declared rule picks (tune on --split train only)." };
        var chat = new Option<bool>("--chat") { Description = "Also ask each answerable question typed the chat way (lower case, no '?', no apostrophes, one seeded typo), with and without spelling correction, and as written without it." };
        var qa = new Command("qa", "First-sentence accuracy, answer-contains-gold, SQuAD EM/F1, abstention (answerable, unanswerable, near-miss, off-topic) and AUC of extractive answers.")
        {
            corpus, questionsOption, predictions, limit, indexDirectory, split, sample, nearMiss, followUps, chat, offTopic, contextWeights,
        };
        qa.SetAction((result, ct) => UsageChecked(error, () => result.GetValue(contextWeights) is { } grid ? ContextWeightRule.Parse(grid) : null, weights => WithFreshStoreAsync(configuration, io, error, result.GetValue(verbose), result.GetValue(indexDirectory), async services =>
        {
            var runner = services.GetRequiredService<EvaluationRunner>();
            var documents = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(result.GetValue(corpus)!.FullName, ct);
            var all = await EvalFiles.ReadJsonLinesAsync<EvalQuestion>(result.GetValue(questionsOption)!.FullName, ct);
            var questions = Limit(EvalSplit.Select(all, result.GetValue(split), result.GetValue(sample)), result.GetValue(limit));
            var ids = await IndexAsync(runner, documents, error, ct);
            var corpusIds = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var (rows, report) = await runner.AnswerAsync(questions, corpusIds, ids, ct, result.GetValue(nearMiss), result.GetValue(followUps), result.GetValue(chat), result.GetValue(offTopic), weights);
            await EvalFiles.WriteJsonLinesAsync(result.GetValue(predictions)!.FullName, rows, ct);
            await io.Output.WriteAsync(report.ToString());
        }, ct)));

        var output = new Option<FileInfo>("--output") { Description = "Where to write the learned weights (JSON).", Required = true };
        var trees = new Option<int>("--trees") { Description = "Boosted trees (train-first-stage).", DefaultValueFactory = _ => 100 };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree (train-first-stage).", DefaultValueFactory = _ => 8 };

        var train = TrainCommand("train-answerer", "Learn the answer-sentence weights (logistic regression) on a question set; use --split train.", async (trainer, questions, corpusIds, source, _, ct) =>
        {
            var (model, used, positives) = await trainer.TrainAsync(questions, corpusIds, source, ct);
            return Logistic(model, $"{used} questions, {model.Examples} candidate sentences ({positives} hold a gold answer)", []);
        });
        var firstStage = TrainCommand("train-first-stage", "Learn the first, lexical answer-ranking stage (FastTree boosted trees over the ranking features) on a question set; use --split train.", async (trainer, questions, corpusIds, source, settings, ct) =>
        {
            var (model, used, positives, lines) = await trainer.TrainFirstStageAsync(questions, corpusIds, source, ct, settings);
            return (model.Trees.ToJson(), $"{used} questions, {model.Trees.Examples} candidate sentences ({positives} hold a gold answer), {model.Trees.Trees.Count} trees", lines.ToList());
        });
        var abstainer = TrainCommand("train-abstainer", "Learn the abstention weights (logistic regression: each question as is vs with its answer sentences hidden and vs answered from other articles) and print the trade-off curve; use --split train.", async (trainer, questions, corpusIds, source, _, ct) =>
        {
            var (model, used, curve, threshold) = await trainer.TrainAbstentionAsync(questions, corpusIds, source, ct);
            var lines = curve.Select(c => string.Format(CultureInfo.InvariantCulture, "  {0:F3}: {1:P1} / {2:P1} / {3:P1}", c.Threshold, c.Answerable, c.NearMiss, c.OffTopic))
                .Prepend("cross-fitted trade-off on these questions (each quarter of the articles scored by a model fitted on the others; threshold: abstained answerable / near-miss / off-topic):")
                .Append(string.Format(CultureInfo.InvariantCulture, "threshold: {0:F4}, the largest with cross-fitted answerable abstention <= {1:P1} (goal {2:P1} minus the declared margin {3:P1}): written with the weights as abstain_below (Search:AbstainBelow unset reads it)", threshold, AbstentionThreshold.Goal - AbstentionThreshold.Margin, AbstentionThreshold.Goal, AbstentionThreshold.Margin))
                .Concat(trainer.Comparison);
            return Logistic(model.WithThreshold(threshold), $"{used} questions + their near-miss and off-topic versions, {model.Examples} examples", lines.ToList());
        });

        static (string Json, string Summary, List<string> Lines) Logistic(LogisticModel model, string summary, List<string> lines) =>
            (model.ToJson(), summary, lines.Prepend(string.Join("  ", model.Features.Zip(model.Weights, (f, w) => $"{f} {w.ToString("F3", CultureInfo.InvariantCulture)}")) + $"  bias {model.Bias.ToString("F3", CultureInfo.InvariantCulture)}").ToList());

        Command TrainCommand(string name, string description, Func<AnswererTrainer, List<EvalQuestion>, HashSet<string>, string, TreeTrainer.Settings, CancellationToken, Task<(string Json, string Summary, List<string> Lines)>> fit)
        {
            var command = new Command(name, description) { corpus, questionsOption, output, limit, indexDirectory, split, sample, trees, leaves };
            command.SetAction((result, ct) => WithFreshStoreAsync(configuration, io, error, result.GetValue(verbose), result.GetValue(indexDirectory), async services =>
            {
                var runner = services.GetRequiredService<EvaluationRunner>();
                var documents = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(result.GetValue(corpus)!.FullName, ct);
                var all = await EvalFiles.ReadJsonLinesAsync<EvalQuestion>(result.GetValue(questionsOption)!.FullName, ct);
                var questions = Limit(EvalSplit.Select(all, result.GetValue(split), result.GetValue(sample)), result.GetValue(limit));
                await IndexAsync(runner, documents, error, ct);
                var corpusIds = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                var source = $"{Path.GetFileName(Path.GetDirectoryName(result.GetValue(questionsOption)!.FullName))}, split {result.GetValue(split)}, {questions.Count} questions";
                var settings = new TreeTrainer.Settings(Trees: Math.Max(1, result.GetValue(trees)), Leaves: Math.Max(2, result.GetValue(leaves)));
                var (json, summary, lines) = await fit(services.GetRequiredService<AnswererTrainer>(), questions, corpusIds, source, settings, ct);
                var path = result.GetValue(output)!.FullName;
                await File.WriteAllTextAsync(path, json + "\n", ct);
                await io.Output.WriteLineAsync($"{summary}; weights written to {path}");
                foreach (var line in lines)
                {
                    await io.Output.WriteLineAsync(line);
                }
            }, ct));
            return command;
        }

        var input = new Option<FileInfo>("--input") { Description = "JSON Lines {id, text, reference_summaries?, reference_summary?}.", Required = true };
        var sentences = new Option<int>("--sentences") { Description = "Sentences per summary.", DefaultValueFactory = _ => 1 };
        var leadWeight = new Option<double?>("--lead-weight") { Description = "The summarizer's lead prior (0..1); default as configured in code." };
        var summaries = new Command("summaries", "ROUGE-1/2/L F1 (best over references) with Lead-1 and Lead-3.") { input, predictions, limit, sentences, leadWeight };
        summaries.SetAction((result, ct) => WithFreshStoreAsync(configuration, io, error, result.GetValue(verbose), null, async services =>
        {
            var runner = services.GetRequiredService<EvaluationRunner>();
            var inputs = Limit(await EvalFiles.ReadJsonLinesAsync<EvalSummaryInput>(result.GetValue(input)!.FullName, ct), result.GetValue(limit));
            var (rows, report) = runner.Summarize(inputs, Math.Max(1, result.GetValue(sentences)), result.GetValue(leadWeight));
            await EvalFiles.WriteJsonLinesAsync(result.GetValue(predictions)!.FullName, rows, ct);
            await io.Output.WriteLineAsync(report.ToString());
        }, ct));

        eval.Subcommands.Add(retrieval);
        eval.Subcommands.Add(qa);
        eval.Subcommands.Add(train);
        eval.Subcommands.Add(abstainer);
        eval.Subcommands.Add(firstStage);
        eval.Subcommands.Add(summaries);
        return eval;
    }

    /// <summary>Reads an option that can be wrong (<see cref="ArgumentException"/>: one line on stderr, usage exit code) before any index is built.</summary>
    private static Task<int> UsageChecked<T>(TextWriter error, Func<T> read, Func<T, Task<int>> run)
    {
        T value;
        try
        {
            value = read();
        }
        catch (ArgumentException ex)
        {
            error.WriteLine("error: " + ex.Message.Split(" (Parameter", 2)[0]);
            return Task.FromResult(CliApp.ExitUsage);
        }

        return run(value);
    }

    private static List<T> Limit<T>(List<T> items, int? limit) => limit is int n && n > 0 ? items.Take(n).ToList() : items;

    private static async Task<Dictionary<long, string>> IndexAsync(
        EvaluationRunner runner, IReadOnlyList<EvalDocument> documents, TextWriter error, CancellationToken cancellationToken, string library = EvaluationRunner.Library)
    {
        var started = DateTimeOffset.UtcNow;
        var lastReport = started;
        var ids = await runner.IndexCorpusAsync(documents, (done, total) =>
        {
            var now = DateTimeOffset.UtcNow;
            if (done == total || now - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = now;
                error.WriteLine(string.Format(CultureInfo.InvariantCulture, "indexed {0}/{1} documents ({2:F0} s)", done, total, (now - started).TotalSeconds));
            }
        }, cancellationToken, library);
        return ids;
    }

    /// <summary>Runs <paramref name="run"/> on a host over a fresh SQLite store in a temp directory (or <paramref name="keep"/>), never the user's.</summary>
    public static async Task<int> WithFreshStoreAsync(
        IReadOnlyList<string> configuration, ConsoleIo io, TextWriter error, bool verbose, DirectoryInfo? keep, Func<IServiceProvider, Task> run, CancellationToken cancellationToken)
    {
        var directory = keep?.FullName ?? Path.Combine(Path.GetTempPath(), "chatbot-eval-" + Guid.NewGuid().ToString("N"));
        var overrides = configuration
            .Append("--Storage:Provider=Sqlite")
            .Append("--Storage:DataDirectory=" + directory)
            .Append("--Storage:ConnectionString=")
            .Append("--Ingestion:SeedsDirectory=" + Path.Combine(directory, "no-seeds"))
            .ToList();
        try
        {
            return await CliHost.WithRetrievalAsync(overrides, io, error, verbose, async (services, _) =>
            {
                try
                {
                    await run(services);
                    return CliApp.ExitOk;
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException)
                {
                    await error.WriteLineAsync("error: " + ex.Message);
                    return CliApp.ExitFailed;
                }
            }, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                if (keep is null)
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }
}
