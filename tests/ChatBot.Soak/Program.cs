using System.Globalization;
using ChatBot.Soak;

// dotnet run --project tests/ChatBot.Soak -c Release -- soak [--rate 50] [--seconds 60] [--faults all|none|a,b] [--platform both|discord|slack]
//     [--fault-every 2] [--digest-every 10|0] [--fuzz-cases N] [--no-fuzz] [--report docs/file.md]
if (args is ["files", var target])
{
    // Writes the hostile files of the fuzz pass, to try them by hand: dotnet ChatBot.Worker.dll ingest <folder>.
    Directory.CreateDirectory(target);
    foreach (var file in HostileFiles.Write(target))
    {
        Console.WriteLine(file);
    }

    return 0;
}

if (args.Length == 0 || args[0] != "soak")
{
    await Console.Error.WriteLineAsync("usage: soak [--rate 50] [--seconds 60] [--faults all|none|name,name] [--platform both|discord|slack] [--fault-every 2] [--digest-every 10|0] [--fuzz-cases N] [--no-fuzz] [--report file.md]");
    await Console.Error.WriteLineAsync("faults: " + string.Join(", ", FaultInjector.All));
    return 2;
}

var options = new SoakOptions();
string? reportPath = null;
for (var i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--rate":
            options.Rate = double.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--seconds":
            options.Seconds = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--faults":
            var faults = Next();
            options.Faults = faults switch
            {
                "all" => FaultInjector.All,
                "none" => [],
                _ => faults.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var unknown = options.Faults.Except(FaultInjector.All).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync("unknown fault(s): " + string.Join(", ", unknown) + ". Known: " + string.Join(", ", FaultInjector.All));
                return 2;
            }

            break;
        case "--platform":
            var platform = Next();
            options.Discord = platform is "both" or "discord";
            options.Slack = platform is "both" or "slack";
            break;
        case "--fault-every":
            options.FaultEvery = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
            break;
        case "--digest-every":
            var every = int.Parse(Next(), CultureInfo.InvariantCulture);
            if (every != 0 && (every < 1 || every > 30 || 60 % every != 0))
            {
                await Console.Error.WriteLineAsync("--digest-every takes 0 (no digests) or whole seconds dividing 60, up to 30.");
                return 2;
            }

            options.DigestEvery = TimeSpan.FromSeconds(every);
            break;
        case "--fuzz-cases":
            options.FuzzCases = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--no-fuzz":
            options.Fuzz = false;
            break;
        case "--report":
            reportPath = Next();
            break;
        default:
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                options.HostSettings = [.. options.HostSettings, args[i]];
                break;
            }

            await Console.Error.WriteLineAsync("unknown option " + args[i]);
            return 2;
    }
}

if (Environment.GetEnvironmentVariable("SOAK_POSTGRES") is { Length: > 0 })
{
    await Console.Error.WriteLineAsync("SOAK_POSTGRES is set, but PostgreSQL restart faults are not part of this branch (PostgreSQL support is merged separately). Unset it to run the SQLite soak.");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var report = await SoakRunner.RunAsync(options, Console.Error, cts.Token);
var markdown = report.ToMarkdown();
Console.WriteLine(markdown);
if (reportPath is not null)
{
    await File.WriteAllTextAsync(reportPath, markdown);
}

return report.Passed ? 0 : 1;
