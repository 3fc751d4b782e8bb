using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Llm;
using ChatBot.TestKit.Slack;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Soak;

/// <summary>The load: the hosts against the fakes, questions at the rate while faults are injected, the drain and the checks after it.</summary>
public static partial class SoakRunner
{
    private static async Task RunLoadAsync(SoakOptions options, SoakReport report, PostgresSoakServer? server, string work, TextWriter log, CancellationToken cancellationToken)
    {
        var articles = Path.Combine(work, "articles");
        ArticleGenerator.Write(articles, options.GeneratedArticles);
        var store = await CreateStoreAsync(server, work, "load", cancellationToken);

        await using var discordServer = await FakeDiscordServer.StartAsync();
        await using var slackServer = await FakeSlackServer.StartAsync();
        await using var llmServer = await FakeOpenAiServer.StartAsync();
        discordServer.HeartbeatIntervalMilliseconds = 1000;
        var useLlm = options.Faults.Any(f => f.StartsWith("llm-", StringComparison.Ordinal));
        var llm = useLlm ? new LlmFaults() : null;
        if (llm is not null)
        {
            llmServer.Responder = llm.Respond;
        }

        var digests = options.DigestEvery > TimeSpan.Zero ? new DigestPlan(options.DigestEvery) : null;
        var ledger = new QuestionLedger();
        var discord = options.Discord ? new DiscordLoad(discordServer, ledger) : null;
        var slack = options.Slack ? new SlackLoad(slackServer, ledger) : null;
        if (slack is not null && options.Replicas > 1)
        {
            // Every tenth event also goes to a second connection at once: across replicas, the dedupe must hold in the database.
            slack.DuplicateEvery = 10;
        }
        using var watchers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = Task.WhenAll(discord?.RunAsync(watchers.Token) ?? Task.CompletedTask, slack?.RunAsync(watchers.Token) ?? Task.CompletedTask);

        var hosts = new List<IHost>();
        try
        {
            await StartReplicasAsync(
                options, hosts, replica => HostSettings(options, store, work, replica, discordServer, slackServer, llmServer, useLlm, digests), articles, log, cancellationToken);
            await WaitPlatformsLiveAsync(options, discord, slack, cancellationToken);
            await log.WriteLineAsync($"platforms live on {options.Replicas} replica(s), {store.Storage} storage; offering load");
            var restart = server is not null && options.Faults.Contains(FaultInjector.PgRestart)
                ? new PostgresRestartFault(server, [.. hosts.Select(h => h.Services)], options.PgDownTime, log)
                : null;
            var injector = new FaultInjector(discord, slack, llm, log, restart, digests is not null);
            var loadFaults = LoadFaults(options, digests);
            var feeder = new BulletinFeeder(hosts[0].Services.GetRequiredService<IRetrievalService>(), Path.Combine(work, "bulletins"), log);
            DateTimeOffset loadEnd;
            using (var faultStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var faults = injector.RunAsync(loadFaults, options.FaultEvery, faultStop.Token);
                var feeding = digests is null ? Task.CompletedTask : feeder.RunAsync(TimeSpan.FromSeconds(digests.EverySeconds / 3.0), faultStop.Token);
                var clock = Stopwatch.StartNew();
                report.QuestionsSent = await OfferLoadAsync(options, discord, slack, cancellationToken);
                report.LoadDuration = clock.Elapsed;
                loadEnd = DateTimeOffset.UtcNow;
                await faultStop.CancelAsync();
                await faults;
                await feeding;
            }

            report.Faults.AddRange(injector.Records.Values);
            report.BulletinsIngested = feeder.Ingested;
            await log.WriteLineAsync($"load sent: {report.QuestionsSent} questions in {report.LoadDuration.TotalSeconds:0.0} s; draining");
            IReadOnlyList<string> platforms = digests is null ? [] : [.. DigestPlatforms(options)];

            async Task<bool> DigestsDoneAsync() =>
                await DigestsSettledAsync(digests, platforms, store, loadEnd, cancellationToken)
                && DigestFaultsRecovered(injector, platforms, discordServer, slackServer);
            await DrainAsync(ledger, discord, slack, DigestsDoneAsync, options.DrainTimeout, cancellationToken);
            if (digests is not null)
            {
                await CheckDigestsAsync(digests, platforms, store, loadEnd, discordServer, slackServer, injector, report, log, cancellationToken);
            }

            await ReportQuestionsAsync(options, ledger, discord, slack, report, log);
            report.StoreAfterLoad = await store.CheckAsync(await VectorCountsAsync(hosts, cancellationToken), cancellationToken);

            if (options.Fuzz)
            {
                discordServer.ClearFailures();
                var fileStore = await CreateStoreAsync(server, work, "fuzz", cancellationToken);
                var fuzz = new FuzzPass(discord, slack, hosts[0].Services.GetRequiredService<IRetrievalService>(), work, fileStore, log);
                report.Fuzz.AddRange(await fuzz.RunAsync(options.FuzzCases, cancellationToken));
            }

            report.HostAlive = hosts.All(h => !h.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
            ReportMemory(report);
        }
        finally
        {
            await watchers.CancelAsync();
            await watching;
            foreach (var host in hosts)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }

    /// <summary>Builds and starts the replicas one by one; replica 1 indexes the generated articles, the others load them at start.</summary>
    private static async Task StartReplicasAsync(
        SoakOptions options, List<IHost> hosts, Func<int, List<string>> settingsOf, string articles, TextWriter log, CancellationToken cancellationToken)
    {
        for (var replica = 1; replica <= options.Replicas; replica++)
        {
            var host = ChatBotHost.Build(settingsOf(replica), runPlatforms: true, new ConsoleIo(TextReader.Null, TextWriter.Null), LogLevel.Critical);
            hosts.Add(host);
            await host.StartAsync(cancellationToken);
            if (replica == 1)
            {
                var ingested = await host.Services.GetRequiredService<IRetrievalService>().IngestAsync(LibraryNames.Local, articles, cancellationToken);
                await log.WriteLineAsync($"indexed {ingested.Count(r => r.Succeeded)} generated articles");
            }
        }
    }

    private static async Task WaitPlatformsLiveAsync(SoakOptions options, DiscordLoad? discord, SlackLoad? slack, CancellationToken cancellationToken)
    {
        if (discord is not null && await discord.WaitLiveAsync(null, StartTimeout, cancellationToken) is null)
        {
            throw new InvalidOperationException("The bot never connected to the fake Discord gateway.");
        }

        if (slack is not null && !await slack.WaitLiveAsync(SlackConnections * options.Replicas, StartTimeout, cancellationToken))
        {
            throw new InvalidOperationException("The bot never opened its Socket Mode connections to the fake Slack.");
        }
    }

    /// <summary>The faults injected during the load: not the drills, and only those of the platforms and digests the run has.</summary>
    private static List<string> LoadFaults(SoakOptions options, DigestPlan? digests) =>
        [.. options.Faults.Where(f => !FaultInjector.IsDrill(f)
            && (options.Discord || !f.StartsWith("discord-", StringComparison.Ordinal))
            && (options.Slack || !f.StartsWith("slack-", StringComparison.Ordinal))
            && (digests is not null || !FaultInjector.DigestFaults.Contains(f)))];

    /// <summary>The platforms that get digests (those the run has).</summary>
    private static IEnumerable<string> DigestPlatforms(SoakOptions options)
    {
        if (options.Discord)
        {
            yield return DiscordLoad.Platform;
        }

        if (options.Slack)
        {
            yield return SlackLoad.Platform;
        }
    }

    /// <summary>Per-platform question figures, which replica answered on Slack, and the first late or lost questions in the log.</summary>
    private static async Task ReportQuestionsAsync(SoakOptions options, QuestionLedger ledger, DiscordLoad? discord, SlackLoad? slack, SoakReport report, TextWriter log)
    {
        foreach (var (platform, redelivered) in new[] { (DiscordLoad.Platform, discord?.Redelivered ?? 0), (SlackLoad.Platform, slack?.Redelivered ?? 0) })
        {
            if (ledger.Of(platform).Count > 0)
            {
                report.Platforms.Add(PlatformStats.Of(platform, ledger.Of(platform), redelivered));
            }
        }

        if (slack is not null && options.Replicas > 1)
        {
            var byToken = slack.RepliesByToken;
            report.SlackRepliesByReplica.AddRange(Enumerable.Range(1, options.Replicas).Select(r => byToken.GetValueOrDefault(SlackBotToken(r))));
            report.SlackSentTwice = slack.Duplicated;
        }

        foreach (var late in ledger.All.Where(q => q.AckDelay > SoakOptions.AckDeadline).Take(20))
        {
            await log.WriteLineAsync($"late ack: {late.Platform} {late.Key} sent {late.LastSentAt:HH:mm:ss.fff}, acked after {late.AckDelay!.Value.TotalMilliseconds:0} ms");
        }

        foreach (var lost in ledger.All.Where(q => !q.MayBeIgnored && q.Outcome == QuestionOutcome.Lost).Take(20))
        {
            await log.WriteLineAsync($"lost: {lost.Platform} {lost.Key} sent {lost.FirstSentAt:HH:mm:ss.fff} ({lost.Deliveries}x), acked {lost.AckAt:HH:mm:ss.fff}");
        }
    }

    private static void ReportMemory(SoakReport report)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        report.WorkingSetBytes = process.WorkingSet64;
        report.ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Every replica's in-memory vector index, after each has read the change log up to now (PostgreSQL).</summary>
    private static async Task<IReadOnlyList<int>> VectorCountsAsync(IReadOnlyList<IHost> hosts, CancellationToken cancellationToken)
    {
        var counts = new List<int>();
        foreach (var host in hosts)
        {
            if (host.Services.GetService<ArticleChangePollService>() is { } poll)
            {
                await poll.PollOnceAsync(cancellationToken);
            }

            counts.Add(host.Services.GetRequiredService<VectorIndex>().Count);
        }

        return counts;
    }

    /// <summary>Sends questions at the rate for the duration, alternating platforms; returns how many.</summary>
    private static async Task<int> OfferLoadAsync(SoakOptions options, DiscordLoad? discord, SlackLoad? slack, CancellationToken cancellationToken)
    {
        var questions = ArticleGenerator.Questions(options.GeneratedArticles);
        var total = (int)Math.Round(options.Rate * options.Seconds);
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / options.Rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var text = questions[i % questions.Count];
            var user = (i * 7 % options.Users).ToString("D4", CultureInfo.InvariantCulture);
            var channel = (i * 13 % options.Channels).ToString("D3", CultureInfo.InvariantCulture);
            var toDiscord = discord is not null && (slack is null || i % 2 == 0);
            sends.Add(toDiscord
                ? discord!.AskAsync(text, "55000000000" + user, "44000000000000" + channel)
                : slack!.AskAsync(text, "USOAK" + user, "CSOAK" + channel));
        }

        await Task.WhenAll(sends);
        return sends.Count;
    }

    private static async Task DrainAsync(
        QuestionLedger ledger, DiscordLoad? discord, SlackLoad? slack, Func<Task<bool>> digestsDone, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < until && (!ledger.AllReplied || !await digestsDone()))
        {
            await Task.Delay(200, cancellationToken);
        }

        // Anything answered twice shows up shortly after the first answer.
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        discord?.ReadReplies();
        slack?.ReadReplies();
    }
}
