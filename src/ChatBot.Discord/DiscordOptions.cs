using System.ComponentModel.DataAnnotations;

namespace ChatBot.Discord;

/// <summary>Discord settings. Without a token the Discord platform is off.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The bot token (Developer Portal → Bot). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The application id (Developer Portal → General Information). Required with a token.</summary>
    public string? ApplicationId { get; set; }

    [Required(ErrorMessage = "Discord:ApiBaseUrl is required.")]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    [Range(0, 65535, ErrorMessage = "Discord:ShardId must be between 0 and 65535.")]
    public int ShardId { get; set; }

    /// <summary>Total shards; 0 (the default): the count Discord recommends (GET /gateway/bot), all run in this process.</summary>
    [Range(0, 65536, ErrorMessage = "Discord:ShardCount must be between 0 (automatic) and 65536.")]
    public int ShardCount { get; set; }

    /// <summary>The shards this process runs (of <see cref="ShardCount"/>, which must then be set); empty: <see cref="ShardId"/> alone, or all when automatic.</summary>
    public int[]? ShardIds { get; set; }

    /// <summary>Register the commands in this guild only (instant updates while developing); global when empty.</summary>
    public string? GuildId { get; set; }

    /// <summary>GUILD_MESSAGES | DIRECT_MESSAGES: replies to the bot's answers arrive as MESSAGE_CREATE (no privileged intent).</summary>
    public const int DefaultIntents = (1 << 9) | (1 << 12);

    /// <summary>
    /// Gateway intents bitfield. Slash commands and buttons need none; the default lets replies to the bot's answers in
    /// (their text when they mention the bot). Never a privileged one by default.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Discord:Intents must not be negative.")]
    public int Intents { get; set; } = DefaultIntents;

    /// <summary>Where the hash of the last registered command set is kept (defaults to Storage:DataDirectory).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The URL in the required "DiscordBot (url, version)" User-Agent.</summary>
    public string UserAgentUrl { get; set; } = "https://example.invalid/chatbot";

    /// <summary>First reconnect delay; doubles per failed attempt (with jitter) up to <see cref="MaxReconnectDelayMilliseconds"/>.</summary>
    [Range(0, 600_000, ErrorMessage = "Discord:ReconnectDelayMilliseconds must be between 0 and 600000.")]
    public int ReconnectDelayMilliseconds { get; set; } = 1000;

    [Range(0, 3_600_000, ErrorMessage = "Discord:MaxReconnectDelayMilliseconds must be between 0 and 3600000.")]
    public int MaxReconnectDelayMilliseconds { get; set; } = 60_000;

    /// <summary>Minimum spacing of IDENTIFYs (Discord allows max_concurrency per 5 s).</summary>
    [Range(0, 60_000, ErrorMessage = "Discord:IdentifySpacingMilliseconds must be between 0 and 60000.")]
    public int IdentifySpacingMilliseconds { get; set; } = 5000;

    /// <summary>Gateway sends per 60 s (Discord disconnects above 120; headroom kept for heartbeats).</summary>
    [Range(1, 120, ErrorMessage = "Discord:GatewaySendsPerMinute must be between 1 and 120.")]
    public int GatewaySendsPerMinute { get; set; } = 110;

    /// <summary>Commands waiting for a worker; beyond it users get a "busy" reply.</summary>
    [Range(1, 10_000, ErrorMessage = "Discord:QueueCapacity must be between 1 and 10000.")]
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Commands run in parallel.</summary>
    [Range(1, 64, ErrorMessage = "Discord:Workers must be between 1 and 64.")]
    public int Workers { get; set; } = 8;

    /// <summary>How many 429 answers one request waits out (each for its retry_after) before giving up.</summary>
    [Range(0, 100, ErrorMessage = "Discord:MaxRateLimitWaits must be between 0 and 100.")]
    public int MaxRateLimitWaits { get; set; } = 20;

    /// <summary>Retries of a REST call after a 5xx, with doubling back-off.</summary>
    [Range(0, 10, ErrorMessage = "Discord:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First delay before retrying a 5xx; doubles per attempt.</summary>
    [Range(0, 60_000, ErrorMessage = "Discord:RetryDelayMilliseconds must be between 0 and 60000.")]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>Earlier turns given to a follow-up (a reply to the bot's answer); 0 answers replies without context.</summary>
    [Range(0, 100, ErrorMessage = "Discord:HistoryTurns must be between 0 and 100.")]
    public int HistoryTurns { get; set; } = 10;

    /// <summary>
    /// Where to listen for interactions over HTTP (the portal's "Interactions Endpoint URL" points at
    /// <c>{this}/discord/interactions</c> behind HTTPS), e.g. <c>http://0.0.0.0:8090</c>; several separated by ';'. Off when empty.
    /// </summary>
    public string? InteractionsUrl { get; set; }

    /// <summary>The application's public key (Developer Portal → General Information, 64 hex digits): HTTP interactions are verified with it.</summary>
    public string? PublicKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}
