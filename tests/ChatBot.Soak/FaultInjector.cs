using System.Text.Json.Nodes;
using ChatBot.TestKit.Discord;

namespace ChatBot.Soak;

/// <summary>
/// Injects the faults of a run in turn while the load runs, and records whether the bot came back. The digest faults
/// (<see cref="DigestFaults"/>) only script refusals of the digest channel's next posts; whether the bot came through
/// them is known once the digests are checked after the drain (<see cref="DigestInjections"/>).
/// </summary>
public sealed partial class FaultInjector(DiscordLoad? discord, SlackLoad? slack, LlmFaults? llm, TextWriter log, PostgresRestartFault? postgres = null, bool digests = false)
{
    public static readonly IReadOnlyList<string> DiscordFaults = ["discord-drop", "discord-op7", "discord-op9", "discord-zombie", "discord-429", "discord-429-global", "discord-5xx"];
    public static readonly IReadOnlyList<string> SlackFaults = ["slack-refresh", "slack-warning", "slack-drop", "slack-slow", "slack-429"];
    public static readonly IReadOnlyList<string> LlmFaultNames = ["llm-timeout", "llm-429", "llm-500", "llm-garbage"];
    public static readonly IReadOnlyList<string> DigestFaults = [DiscordDigest5xx, SlackDigest429];
    public const string DiscordDigest5xx = "discord-digest-5xx";
    public const string SlackDigest429 = "slack-digest-429";

    /// <summary>
    /// Refusals a digest fault scripts after letting one digest post through (so that they usually hit the second part of
    /// a digest): one more than the platform client retries by itself (Discord: 3 retries after a 5xx; Slack: 4 attempts
    /// on 429), so the post fails, the slot's claim is released and the scheduler retries it, resuming after the parts
    /// already posted.
    /// </summary>
    public const int DigestFailures = 5;

    public const string SqliteKill = "sqlite-kill";
    public const string PgKill = "pg-kill";
    public const string PgRestart = "pg-restart";

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(20);
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string Original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string ChannelMessages = "/channels/{channel_id}/messages";

    /// <summary>Every fault of a SQLite run, platforms interleaved so that a short run still sees each kind.</summary>
    public static IReadOnlyList<string> All => AllFor(SoakStorage.Sqlite);

    /// <summary>Every fault name there is (the PostgreSQL ones need --storage postgres, sqlite-kill needs SQLite).</summary>
    public static IReadOnlyList<string> Known => [.. All, PgRestart, PgKill];

    /// <summary>
    /// Every fault for a storage: SQLite runs the SIGKILL drill on SQLite; PostgreSQL runs it on PostgreSQL and adds the
    /// database restart, early in the round so that even a short run restarts the database more than once.
    /// </summary>
    public static IReadOnlyList<string> AllFor(SoakStorage storage) => storage == SoakStorage.Postgres
        ?
        [
            "discord-drop", "slack-refresh", PgRestart, "llm-timeout", DiscordDigest5xx, "discord-op7", "slack-warning", "llm-429", SlackDigest429,
            "discord-op9", "slack-drop", "llm-500", "discord-zombie", "slack-429", "llm-garbage", "discord-429", "discord-429-global",
            "discord-5xx", "slack-slow", PgKill,
        ]
        :
        [
            "discord-drop", "slack-refresh", "llm-timeout", DiscordDigest5xx, "discord-op7", "slack-warning", "llm-429", SlackDigest429,
            "discord-op9", "slack-drop", "llm-500", "discord-zombie", "slack-429", "llm-garbage", "discord-429", "discord-429-global",
            "discord-5xx", "slack-slow", SqliteKill,
        ];

    /// <summary>The SIGKILL drills run before the load, not during it.</summary>
    public static bool IsDrill(string fault) => fault is SqliteKill or PgKill;

    /// <summary>Why a fault cannot run on a storage, or null when it can.</summary>
    public static string? Incompatible(string fault, SoakStorage storage) => (fault, storage) switch
    {
        (PgRestart or PgKill, SoakStorage.Sqlite) => $"{fault} needs --storage postgres",
        (SqliteKill, SoakStorage.Postgres) => $"{fault} needs --storage sqlite (with postgres the drill is {PgKill})",
        _ => null,
    };

    public Dictionary<string, FaultRecord> Records { get; } = new(StringComparer.Ordinal);

    /// <summary>When each digest fault was injected, by fault name.</summary>
    public Dictionary<string, List<DateTimeOffset>> DigestInjections { get; } = new(StringComparer.Ordinal);

    /// <summary>Injects <paramref name="faults"/> round-robin, one every <paramref name="every"/>, until cancelled.</summary>
    public async Task RunAsync(IReadOnlyList<string> faults, TimeSpan every, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Count == 0)
        {
            return;
        }

        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                await Task.Delay(every, cancellationToken);
                // An injection under way finishes (bounded by the recovery timeout) even when the load ends meanwhile.
                await InjectAsync(faults[i % faults.Count], CancellationToken.None);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async Task InjectAsync(string fault, CancellationToken cancellationToken)
    {
        if (!Records.TryGetValue(fault, out var record))
        {
            record = Records[fault] = new FaultRecord(fault);
        }

        record.Injected++;
        await log.WriteLineAsync($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} fault {fault}");
        var recovered = fault switch
        {
            "discord-drop" => await DiscordReconnectAsync(c => c.CloseAsync(4000, "soak: dropped"), 1, cancellationToken),
            "discord-op7" => await DiscordReconnectAsync(c => c.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null }), 3, cancellationToken),
            "discord-op9" => await DiscordOp9BurstAsync(cancellationToken),
            "discord-zombie" => await DiscordZombieAsync(cancellationToken),
            "discord-429" => Script(s => s.FailNext("POST", Callback, 429, 0.3), 10),
            "discord-429-global" => Script(s => s.FailNext("POST", Callback, 429, 0.5, global: true), 5),
            "discord-5xx" => Script(s => s.FailNext("PATCH", Original, 500), 6) && Script(s => s.FailNext("POST", Callback, 502), 3),
            DiscordDigest5xx => DigestFault(fault, () => Script(s => s.PassNext("POST", ChannelMessages), 1) && Script(s => s.FailNext("POST", ChannelMessages, 500), DigestFailures)),
            SlackDigest429 => DigestFault(fault, () => SlackRateLimit(DigestPlan.SlackChannel)),
            "slack-refresh" => await SlackDisconnectAsync("refresh_requested", cancellationToken),
            "slack-warning" => await SlackDisconnectAsync("warning", cancellationToken),
            "slack-drop" => await SlackDropAsync(cancellationToken),
            "slack-slow" => await SlackSlowAsync(cancellationToken),
            "slack-429" => SlackRateLimit(),
            "llm-timeout" or "llm-429" or "llm-500" or "llm-garbage" => await LlmWindowAsync(fault["llm-".Length..]),
            PgRestart => await PostgresRestartAsync(record, cancellationToken),
            _ => false,
        };
        if (recovered)
        {
            record.Recovered++;
        }
    }

    private async Task<bool> PostgresRestartAsync(FaultRecord record, CancellationToken cancellationToken)
    {
        if (postgres is null)
        {
            return false;
        }

        var (recovered, note) = await postgres.RunAsync(RecoveryTimeout, cancellationToken);
        record.Note = record.Note.Length == 0 ? note : record.Note + "; " + note;
        return recovered;
    }

    private bool Script(Action<FakeDiscordServer> failure, int times)
    {
        if (discord is null)
        {
            return false;
        }

        for (var i = 0; i < times; i++)
        {
            failure(discord.Server);
        }

        return true;
    }

    /// <summary>Notes a scripted digest fault; it counts as recovered only after the digest check (never here).</summary>
    private bool DigestFault(string fault, Func<bool> script)
    {
        var at = DateTimeOffset.UtcNow;
        if (digests && script())
        {
            if (!DigestInjections.TryGetValue(fault, out var times))
            {
                times = DigestInjections[fault] = [];
            }

            times.Add(at);
        }

        return false;
    }

    private async Task<bool> LlmWindowAsync(string mode)
    {
        if (llm is null)
        {
            return false;
        }

        llm.Mode = mode;
        try
        {
            // The window runs its course even when the load ends meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(2.5), CancellationToken.None);
        }
        finally
        {
            llm.Mode = "ok";
        }

        return true;
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + RecoveryTimeout;
        while (DateTimeOffset.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(25, cancellationToken);
        }

        return false;
    }
}
