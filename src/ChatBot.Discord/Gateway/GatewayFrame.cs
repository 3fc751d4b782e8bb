namespace ChatBot.Discord.Gateway;

/// <summary>Something the single send loop writes: a JSON text frame, or a close frame with a code.</summary>
internal sealed record GatewayFrame(string? Json, int? CloseCode = null)
{
    public static GatewayFrame Close(int code) => new(null, code);
}
