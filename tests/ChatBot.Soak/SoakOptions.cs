namespace ChatBot.Soak;

/// <summary>What a soak run does: the load, the faults, the fuzz pass.</summary>
public sealed class SoakOptions
{
    /// <summary>Questions per second, over both platforms together.</summary>
    public double Rate { get; set; } = 50;

    public int Seconds { get; set; } = 60;

    /// <summary>Fault names (see <see cref="FaultInjector.All"/>); empty for none.</summary>
    public IReadOnlyList<string> Faults { get; set; } = FaultInjector.All;

    public bool Discord { get; set; } = true;

    public bool Slack { get; set; } = true;

    /// <summary>A fault every this often while the load runs.</summary>
    public TimeSpan FaultEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Generated articles indexed next to the seeds.</summary>
    public int GeneratedArticles { get; set; } = 12;

    /// <summary>Articles the SIGKILL drill ingests.</summary>
    public int KillDrillArticles { get; set; } = 60;

    /// <summary>How long to wait after the load for the last answers.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool Fuzz { get; set; } = true;

    /// <summary>Upper bound on fuzz cases (CI runs a few).</summary>
    public int FuzzCases { get; set; } = int.MaxValue;

    /// <summary>Users and channels the questions come from.</summary>
    public int Users { get; set; } = 200;

    public int Channels { get; set; } = 40;

    /// <summary>SQLite (a temp data folder) or PostgreSQL (a fresh database per store on the server below).</summary>
    public SoakStorage Storage { get; set; } = SoakStorage.Sqlite;

    /// <summary>
    /// PostgreSQL: the server's Npgsql connection string (a database the user may CREATE DATABASE from). Null: the
    /// CHATBOT_TEST_POSTGRES variable, or when that is missing too, a throwaway server the run starts and stops.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>PostgreSQL: a pg_ctl that runs as the server's user (pg-restart); null: CHATBOT_TEST_PGCTL.</summary>
    public string? PgCtl { get; set; }

    /// <summary>PostgreSQL: the server's data folder (pg-restart); null: CHATBOT_TEST_PGDATA.</summary>
    public string? PgData { get; set; }

    /// <summary>pg-restart: how long the server stays down between the stop and the start.</summary>
    public TimeSpan PgDownTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bot hosts on the one PostgreSQL database. Replica 1 serves Discord (one shard) and Slack; every further replica
    /// serves Slack only, with its own Socket Mode connections, so Slack spreads the events over the replicas.
    /// </summary>
    public int Replicas { get; set; } = 1;

    /// <summary>
    /// Digest cadence (whole seconds dividing 60): one Discord and one Slack channel get a digest this often while the load
    /// runs, and every slot due by the end of the load is checked. Zero turns digests off.
    /// </summary>
    public TimeSpan DigestEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra --Key=value host settings (e.g. --Discord:Workers=4).</summary>
    public IReadOnlyList<string> HostSettings { get; set; } = [];

    public static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);
}
