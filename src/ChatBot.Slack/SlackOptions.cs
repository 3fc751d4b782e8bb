using System.ComponentModel.DataAnnotations;

namespace ChatBot.Slack;

/// <summary>Slack settings. Without a bot token the Slack platform is off.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Bot token (xoxb-…): every Web API call.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (xapp-…, scope connections:write): Socket Mode only.</summary>
    public string? AppToken { get; set; }

    /// <summary>Signing secret: the Events API over HTTP only.</summary>
    public string? SigningSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>User ids (U…) allowed to run admin commands.</summary>
    public IList<string> Admins { get; } = [];

    /// <summary>Socket Mode connections kept open at once (Slack allows 10).</summary>
    [Range(1, 10)]
    public int SocketConnections { get; set; } = 2;

    /// <summary>Delay between opening the Socket Mode connections, so Slack does not refresh them together.</summary>
    [Range(0, 600_000)]
    public int ConnectionStaggerMilliseconds { get; set; } = 10_000;

    /// <summary>Base of the reconnect back-off: base × consecutive failures, at most a minute.</summary>
    [Range(0, 600_000)]
    public int ReconnectDelayMilliseconds { get; set; } = 5_000;

    /// <summary>Listen addresses of the HTTP endpoint (events, slash commands, interactivity), ";"-separated.
    /// Empty: no HTTP endpoint. Needs <see cref="SigningSecret"/>.</summary>
    public string? HttpUrls { get; set; }

    /// <summary>Smallest gap between two messages posted to one channel (Slack allows about one a second).</summary>
    [Range(0, 60_000)]
    public int MinPostIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>Requests waiting for a worker; beyond it new requests are refused with a busy reply.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Requests answered at once.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 8;

    /// <summary>Earlier turns of a thread given as context to a follow-up.</summary>
    [Range(0, 100)]
    public int HistoryTurns { get; set; } = 10;

    /// <summary>
    /// Pages of conversations.replies (200 messages each) read when the bot is mentioned in a thread it has not taken part
    /// in, so the earlier messages are context; 0 turns it off.
    /// </summary>
    [Range(0, 50)]
    public int ThreadHistoryPages { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(HttpUrls);
}
