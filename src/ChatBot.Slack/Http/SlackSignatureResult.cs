namespace ChatBot.Slack.Http;

public enum SlackSignatureResult
{
    Valid,
    Missing,
    Stale,
    Mismatch,
    Replayed,
}
