namespace ChatBot.Core.Chat;

/// <summary>The bot's commands, the same on every platform.</summary>
public enum ChatCommand
{
    Unknown,
    Help,
    Ask,
    Summarize,
    Search,
    Digest,
    Add,
    Feeds,
    Schedule,
    Articles,
    Forget,
    Library,
}
