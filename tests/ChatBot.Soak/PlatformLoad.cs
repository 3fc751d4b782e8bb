namespace ChatBot.Soak;

/// <summary>
/// What the Discord and Slack load drivers share: a monitor that, every 100 ms, reads what the bot sent to the fake
/// platform since the last look and delivers again the questions a dropped connection swallowed.
/// </summary>
public abstract class PlatformLoad
{
    private readonly Lock _readGate = new();

    /// <summary>Reads the bot's replies since the last look (also called once more before the report).</summary>
    public void ReadReplies()
    {
        lock (_readGate)
        {
            ReadRepliesLocked();
        }
    }

    /// <summary>Reads the fake platform's requests since the last look; called under the read lock.</summary>
    protected abstract void ReadRepliesLocked();

    /// <summary>Sends again what a closed connection never acknowledged.</summary>
    protected abstract Task RedeliverAsync();

    protected async Task MonitorAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            ReadReplies();
            await RedeliverAsync();
        }
    }
}
