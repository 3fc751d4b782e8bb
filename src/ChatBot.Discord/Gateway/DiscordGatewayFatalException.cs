namespace ChatBot.Discord.Gateway;

/// <summary>The gateway closed with a code that forbids reconnecting (4004, 4010-4014).</summary>
public sealed class DiscordGatewayFatalException : Exception
{
    public DiscordGatewayFatalException(string message)
        : base(message)
    {
    }

    public DiscordGatewayFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordGatewayFatalException(int closeCode, string reason)
        : base($"Discord gateway closed with {closeCode}: {reason}")
    {
        CloseCode = closeCode;
        Reason = reason;
    }

    public int CloseCode { get; }

    public string Reason { get; } = string.Empty;
}
