namespace ChatBot.Core.Chat;

/// <summary>Posts unprompted messages (digests, feed notices) to a channel of one platform.</summary>
public interface IChatPublisher
{
    /// <summary>"discord", "slack" or "console".</summary>
    string Platform { get; }

    /// <summary>Posts the reply; returns the platform's message id.</summary>
    Task<string> PublishAsync(string channelId, ChatReply reply, CancellationToken cancellationToken);
}
