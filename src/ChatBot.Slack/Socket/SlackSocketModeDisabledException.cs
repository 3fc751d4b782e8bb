namespace ChatBot.Slack.Socket;

/// <summary>Slack turned Socket Mode off for the app (disconnect reason link_disabled): reconnecting cannot help.</summary>
public sealed class SlackSocketModeDisabledException(string reason)
    : Exception($"Slack disabled Socket Mode for this app (disconnect reason '{reason}'). Turn Socket Mode on in the Slack app settings, or use the HTTP Events API (Slack:SigningSecret, Slack:HttpUrls).")
{
    public string Reason { get; } = reason;
}
