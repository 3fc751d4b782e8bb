namespace ChatBot.Core.Chat;

/// <summary>The place a reply to one request goes: a deferred Discord interaction, a Slack thread, the console.</summary>
public interface IReplyChannel
{
    Task SendAsync(ChatReply reply, CancellationToken cancellationToken);
}
