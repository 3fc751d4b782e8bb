namespace ChatBot.Discord.Rest;

/// <summary>GET /gateway/bot: where to connect and how many IDENTIFYs are left.</summary>
public sealed record GatewayBotInfo(string Url, int Shards, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
