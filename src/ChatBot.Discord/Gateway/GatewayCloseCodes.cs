namespace ChatBot.Discord.Gateway;

/// <summary>Discord gateway close codes and what each one means for reconnecting (protocols.md A1.10).</summary>
internal static class GatewayCloseCodes
{
    public const int Zombie = 4000;
    public const int DisallowedIntents = 4014;

    public static GatewayNext Classify(int? code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => GatewayNext.Fatal,
        4003 or 4007 or 4009 => GatewayNext.Identify,
        1000 or 1001 => GatewayNext.Identify,
        _ => GatewayNext.Resume,
    };

    public static string Describe(int? code) => code switch
    {
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: Discord:Token is wrong or was reset",
        4005 => "already authenticated",
        4007 => "invalid seq",
        4008 => "rate limited",
        4009 => "session timed out",
        4010 => "invalid shard: check Discord:ShardId and Discord:ShardCount",
        4011 => "sharding required: raise Discord:ShardCount",
        4012 => "invalid API version",
        4013 => "invalid intents: check Discord:Intents",
        4014 => "disallowed intents: enable them in the Developer Portal or drop them from Discord:Intents",
        null => "connection dropped",
        _ => "closed",
    };
}
