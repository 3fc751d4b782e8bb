using System.Globalization;
using ChatBot.Core.Chat;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>Posts digests and feed notices for the "console" platform: printed to the console under the channel's name.</summary>
public sealed class ConsoleChatPublisher(ConsoleIo io, TimeProvider timeProvider) : IChatPublisher
{
    private readonly Lock _gate = new();
    private long _sequence;

    public string Platform => ConsolePlatformService.Platform;

    public Task<string> PublishAsync(string channelId, ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        cancellationToken.ThrowIfCancellationRequested();
        var text = string.Create(CultureInfo.InvariantCulture, $"[#{channelId} {timeProvider.GetUtcNow():yyyy-MM-dd HH:mm} UTC]") + Environment.NewLine + ConsoleReplyRenderer.Render(reply);
        lock (_gate)
        {
            io.Output.WriteLine(text);
            io.Output.Flush();
        }

        return Task.FromResult("console-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture));
    }
}
