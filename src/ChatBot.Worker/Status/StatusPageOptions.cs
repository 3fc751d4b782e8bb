namespace ChatBot.Worker.Status;

/// <summary>
/// The read-only status page at <c>GET /</c> on the <c>Health:Urls</c> listener (section <c>Health:StatusPage</c>). Off
/// unless <see cref="Enabled"/>; served to loopback clients only unless <see cref="AllowRemote"/> (a listener bound to
/// 0.0.0.0 for probes does not show it to the network).
/// </summary>
public sealed class StatusPageOptions
{
    public const string SectionName = "Health:StatusPage";

    public bool Enabled { get; set; }

    /// <summary>Serve the page to any client that reaches the listener, not only to 127.0.0.1 / ::1.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>How many of the week's unanswered questions the page lists.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 100, ErrorMessage = "Health:StatusPage:TopGaps must be between 0 and 100.")]
    public int TopGaps { get; set; } = 10;
}
