using System.Globalization;
using ChatBot.Soak;

// dotnet run --project tests/ChatBot.Soak -c Release -- soak [--rate 50] [--seconds 60] [--faults all|none|a,b] [--platform both|discord|slack]
//     [--storage sqlite|postgres] [--replicas N] [--pg-down seconds] [--fault-every 2] [--digest-every 10|0]
//     [--fuzz-cases N] [--no-fuzz] [--report docs/file.md]
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
    await Console.Error.WriteLineAsync("usage: soak [--rate 50] [--seconds 60] [--faults all|none|name,name] [--platform both|discord|slack] [--storage sqlite|postgres] [--replicas N] [--pg-down seconds] [--fault-every 2] [--digest-every 10|0] [--fuzz-cases N] [--no-fuzz] [--report file.md]");
    await Console.Error.WriteLineAsync("faults: " + string.Join(", ", FaultInjector.Known) + " (pg-* need --storage postgres; all = every fault of the storage)");
    return 2;
}

var options = new SoakOptions();
string? reportPath = null;
var faultsArgument = "all";
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
            faultsArgument = Next();
            break;
        case "--storage":
            var storage = Next();
            if (!Enum.TryParse<SoakStorage>(storage, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                await Console.Error.WriteLineAsync("--storage must be sqlite or postgres, not " + storage);
                return 2;
            }

            options.Storage = parsed;
            break;
        case "--replicas":
            options.Replicas = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--pg-down":
            options.PgDownTime = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
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

// "all" depends on the storage, which may come after --faults.
options.Faults = faultsArgument switch
{
    "all" => FaultInjector.AllFor(options.Storage),
    "none" => [],
    _ => faultsArgument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
};
var unknown = options.Faults.Except(FaultInjector.Known).ToList();
if (unknown.Count > 0)
{
    await Console.Error.WriteLineAsync("unknown fault(s): " + string.Join(", ", unknown) + ". Known: " + string.Join(", ", FaultInjector.Known));
    return 2;
}

if (options.Faults.Select(f => FaultInjector.Incompatible(f, options.Storage)).OfType<string>().FirstOrDefault() is { } incompatible)
{
    await Console.Error.WriteLineAsync(incompatible);
    return 2;
}

if (options.Replicas > 1 && (options.Storage != SoakStorage.Postgres || !options.Slack))
{
    await Console.Error.WriteLineAsync("--replicas above 1 needs --storage postgres and Slack (--platform both or slack): further replicas serve Slack only.");
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
