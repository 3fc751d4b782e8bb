namespace ChatBot.Core.AutoSummaries;

/// <summary>The channels where <c>/autosummary on</c> was set: links posted there get a short summary reply.</summary>
public interface IAutoSummaryChannels
{
    Task<bool> IsOnAsync(string platform, string channelId, CancellationToken cancellationToken);

    /// <summary>Turns link summaries on or off for the channel; returns whether that changed anything.</summary>
    Task<bool> SetAsync(string platform, string channelId, bool on, CancellationToken cancellationToken);
}
