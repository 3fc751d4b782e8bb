namespace ChatBot.Discord.Gateway;

/// <summary>Per-connection flags shared by the receive, heartbeat and send loops.</summary>
internal sealed class GatewayConnectionState
{
    private volatile bool _ackReceived = true;
    private volatile bool _established;

    public bool AckReceived
    {
        get => _ackReceived;
        set => _ackReceived = value;
    }

    /// <summary>READY or RESUMED arrived on this connection.</summary>
    public bool Established
    {
        get => _established;
        set => _established = value;
    }

    /// <summary>Set when we started the close: what to do next, whatever code the server answers with.</summary>
    public GatewayNext? Intended { get; set; }
}
