namespace ChatBot.Discord.Gateway;

/// <summary>What to do after a connection ends.</summary>
internal enum GatewayNext
{
    /// <summary>Reconnect to resume_gateway_url and RESUME.</summary>
    Resume,

    /// <summary>Drop the session; reconnect to the /gateway/bot URL and IDENTIFY.</summary>
    Identify,

    /// <summary>Never reconnect (bad token, shard or intents).</summary>
    Fatal,

    /// <summary>We are shutting down.</summary>
    Stop,
}
