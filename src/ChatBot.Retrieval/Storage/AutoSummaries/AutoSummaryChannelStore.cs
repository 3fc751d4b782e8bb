using ChatBot.Core.AutoSummaries;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.AutoSummaries;

/// <summary>The channels with link summaries on, one row each (on PostgreSQL shared by every replica).</summary>
public sealed class AutoSummaryChannelStore(SqlDatabase database, TimeProvider timeProvider) : IAutoSummaryChannels
{
    public static readonly SqlMigration Migration = new(
        "0020_autosummary_channels",
        """
        CREATE TABLE IF NOT EXISTS autosummary_channels (
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            since TEXT NOT NULL,
            PRIMARY KEY (platform, channel_id)
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS autosummary_channels (
            platform text NOT NULL,
            channel_id text NOT NULL,
            since timestamptz NOT NULL,
            PRIMARY KEY (platform, channel_id)
        );
        """);

    public async Task<bool> IsOnAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        await database.ScalarAsync(
            "SELECT 1 FROM autosummary_channels WHERE platform = @platform AND channel_id = @channel",
            [("platform", platform), ("channel", channelId)],
            cancellationToken) is not null;

    public async Task<bool> SetAsync(string platform, string channelId, bool on, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            on
                ? "INSERT INTO autosummary_channels (platform, channel_id, since) VALUES (@platform, @channel, @at) ON CONFLICT DO NOTHING"
                : "DELETE FROM autosummary_channels WHERE platform = @platform AND channel_id = @channel",
            [("platform", platform), ("channel", channelId), ("at", database.Time(timeProvider.GetUtcNow()))],
            cancellationToken) > 0;
}
