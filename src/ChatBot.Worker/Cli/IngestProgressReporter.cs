using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using Spectre.Console;

namespace ChatBot.Worker.Cli;

/// <summary>
/// Shows a multi-source ingest's progress: a Spectre.Console progress bar when stdout is a terminal,
/// plain "[done/total] outcome: source" lines on stderr for the sources indexed when it is redirected (logs, pipes, CI).
/// </summary>
public static class IngestProgressReporter
{
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<IReadOnlyList<IngestResult>> RunAsync(
        IngestionPipeline pipeline, bool interactive, TextWriter error, Func<Task<IReadOnlyList<IngestResult>>> ingest)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(ingest);
        if (!interactive)
        {
            // Failures and skipped files are not shown here: each gets its own line when the ingest ends.
            void OnLine(int done, int total, IngestResult result)
            {
                if (result.Succeeded)
                {
                    error.WriteLine($"[{done}/{total}] {result.Outcome}: {result.Source}");
                }
            }

            pipeline.Progress += OnLine;
            try
            {
                return await ingest();
            }
            finally
            {
                pipeline.Progress -= OnLine;
            }
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Ingesting", maxValue: 1);
                void OnBar(int done, int total, IngestResult result)
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                    task.Description = Markup.Escape($"{done}/{total} {Path.GetFileName(result.Source.TrimEnd('/'))}");
                }

                pipeline.Progress += OnBar;
                try
                {
                    var results = await ingest();
                    task.Value = task.MaxValue;
                    return results;
                }
                finally
                {
                    pipeline.Progress -= OnBar;
                }
            });
    }
}
