using ChatBot.Core.Chat;

namespace ChatBot.Discord.Interactions;

/// <summary>Where the reply to one Discord request goes: a deferred interaction, or a reply message in a channel.</summary>
public interface IDiscordReply
{
    /// <summary>Shows a growing answer, where the place can be edited; null where it cannot.</summary>
    Func<string, CancellationToken, Task>? Partial { get; }

    /// <summary>Sends the reply; returns the id of its first public message (null when it went to the asker only).</summary>
    Task<string?> SendAsync(ChatReply reply, CancellationToken cancellationToken);
}
