using ChatBot.Core.Chat;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>An <see cref="IChatPublisher"/> that records posts; <see cref="OnPublish"/> can throw to simulate failures.</summary>
public sealed class RecordingPublisher(string platform = "discord") : IChatPublisher
{
    private readonly List<(string Channel, ChatReply Reply)> _posts = [];

    public string Platform { get; } = platform;

    public Func<string, ChatReply, CancellationToken, Task>? OnPublish { get; set; }

    public IReadOnlyList<(string Channel, ChatReply Reply)> Posts
    {
        get
        {
            lock (_posts)
            {
                return _posts.ToList();
            }
        }
    }

    public async Task<string> PublishAsync(string channelId, ChatReply reply, CancellationToken cancellationToken)
    {
        if (OnPublish is not null)
        {
            await OnPublish(channelId, reply, cancellationToken);
        }

        lock (_posts)
        {
            _posts.Add((channelId, reply));
            return "m" + _posts.Count;
        }
    }
}
