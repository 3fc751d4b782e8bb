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

    /// <summary>
    /// Digest cadence (whole seconds dividing 60): one Discord and one Slack channel get a digest this often while the load
    /// runs, and every slot due by the end of the load is checked. Zero turns digests off.
    /// </summary>
    public TimeSpan DigestEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra --Key=value host settings (e.g. --Discord:Workers=4).</summary>
    public IReadOnlyList<string> HostSettings { get; set; } = [];

    public static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);
}
