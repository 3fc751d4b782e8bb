using ChatBot.Core.Http;

namespace ChatBot.Worker.Health;

/// <summary>The optional readiness endpoint. Off unless Health:Urls is set (e.g. http://127.0.0.1:8080).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Where GET /health listens: http URLs separated by ';'. Empty: no endpoint.</summary>
    public string? Urls { get; set; }

    /// <summary>How long the database check may take before the replica reports itself unavailable.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 60, ErrorMessage = "Health:DatabaseTimeoutSeconds must be between 1 and 60.")]
    public int DatabaseTimeoutSeconds { get; set; } = 3;

    public IReadOnlyList<string> UrlList => KestrelListener.SplitUrls(Urls);

    public bool AreUrlsValid => UrlList.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp);
}
