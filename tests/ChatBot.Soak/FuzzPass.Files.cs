using System.Globalization;
using System.Text.Json;

namespace ChatBot.Soak;

/// <summary>Files: the hostile files through the real `ingest` verb in a child process, into a store of the run's kind.</summary>
public sealed partial class FuzzPass
{
    private async Task FilesAsync(CancellationToken cancellationToken)
    {
        if (!Take())
        {
            return;
        }

        var folder = Path.Combine(workDirectory, "fuzz-files");
        Directory.CreateDirectory(folder);
        var files = HostileFiles.Write(folder);
        using var worker = WorkerProcess.Start(workDirectory, ["ingest", folder, "--json", .. fileStore.Settings, "--Ingestion:MaxBytes=" + MaxBytes.ToString(CultureInfo.InvariantCulture)]);
        var started = DateTimeOffset.UtcNow;
        var code = await worker.WaitAsync(TimeSpan.FromSeconds(180));
        var elapsed = DateTimeOffset.UtcNow - started;
        await log.WriteLineAsync($"fuzz files: ingest exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(killed: timeout)"} after {elapsed.TotalSeconds:0.0} s");
        var results = ParseIngest(worker.Output);
        foreach (var file in files.Where(f => !f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file);
            var result = results.FirstOrDefault(r => r.Source.EndsWith(name, StringComparison.Ordinal));
            var passed = code is 0 or 1 or 4 && result.Source is not null;
            var outcome = code is null ? "HUNG (killed after 180 s)"
                : code is not (0 or 1 or 4) ? $"worker exited {code}: {Tail(worker.Error)}"
                : result.Source is null ? "no result reported"
                : result.Outcome + (result.Error is null ? string.Empty : ": " + result.Error);
            _results.Add(new FuzzCaseResult("file", name, passed, outcome));
        }

        // The folder walk skips file types it does not read; named directly, an XML file must get a clear refusal.
        foreach (var file in files.Where(f => f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var single = WorkerProcess.Start(workDirectory, ["ingest", file, "--json", .. fileStore.Settings]);
            var singleCode = await single.WaitAsync(TimeSpan.FromSeconds(60));
            var result = ParseIngest(single.Output).FirstOrDefault();
            var passed = singleCode is 0 or 1 && result.Error is not null;
            _results.Add(new FuzzCaseResult("file", Path.GetFileName(file), passed,
                singleCode is null ? "HUNG (killed after 60 s)" : result.Source is null ? $"worker exited {singleCode}: {Tail(single.Error)}" : result.Outcome + ": " + result.Error));
        }

        if (code is 0 or 1 or 4)
        {
            var check = await fileStore.CheckAsync(null, cancellationToken);
            _results.Add(new FuzzCaseResult("file", "store after the hostile files", check.Consistent, check.ToString()));
        }
    }

    private static List<(string Source, string Outcome, string? Error)> ParseIngest(string output)
    {
        var list = new List<(string, string, string?)>();
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return list;
        }

        try
        {
            using var doc = JsonDocument.Parse(output[start..]);
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                list.Add((r.GetProperty("source").GetString() ?? string.Empty, r.GetProperty("outcome").ToString(), r.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null));
            }
        }
        catch (JsonException)
        {
        }

        return list;
    }
}
