using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>The digest checks: when the schedulers have settled after the load, and each slot against what the fakes received.</summary>
public static partial class SoakRunner
{
    /// <summary>True when every platform's scheduler has reached the last slot due by the end of the load and nothing up to it waits for a retry.</summary>
    private static async Task<bool> DigestsSettledAsync(DigestPlan? plan, IReadOnlyList<string> platforms, ISoakStore store, DateTimeOffset loadEnd, CancellationToken cancellationToken)
    {
        if (plan is null)
        {
            return true;
        }

        foreach (var platform in platforms)
        {
            var channel = DigestPlan.ChannelOf(platform);
            if (await store.ReadDigestScheduleStartAsync(platform, channel, cancellationToken) is not { } start
                || !DigestAudit.IsSettled(plan, start, loadEnd, await store.ReadDigestRowsAsync(platform, channel, cancellationToken)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the bot has come through every digest fault injected so far (see <see cref="DigestAudit.RecoveredInjections"/>).</summary>
    private static bool DigestFaultsRecovered(FaultInjector injector, IReadOnlyList<string> platforms, FakeDiscordServer discordServer, FakeSlackServer slackServer)
    {
        foreach (var platform in platforms)
        {
            var fault = platform == DiscordLoad.Platform ? FaultInjector.DiscordDigest5xx : FaultInjector.SlackDigest429;
            if (injector.DigestInjections.TryGetValue(fault, out var injections)
                && DigestAudit.RecoveredInjections(injections, FaultInjector.DigestFailures, MessagesOf(platform, discordServer, slackServer)) < injections.Count)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<DigestMessage> MessagesOf(string platform, FakeDiscordServer discordServer, FakeSlackServer slackServer) =>
        platform == DiscordLoad.Platform
            ? DigestAudit.FromDiscord(discordServer.Requests, DigestPlan.DiscordChannel)
            : DigestAudit.FromSlack(slackServer.Requests("chat.postMessage"), DigestPlan.SlackChannel);

    /// <summary>Checks each platform's digest slots against what its fake received, and settles the digest faults' recovery.</summary>
    private static async Task CheckDigestsAsync(
        DigestPlan plan, IReadOnlyList<string> platforms, ISoakStore store, DateTimeOffset loadEnd, FakeDiscordServer discordServer, FakeSlackServer slackServer,
        FaultInjector injector, SoakReport report, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var platform in platforms)
        {
            var channel = DigestPlan.ChannelOf(platform);
            var start = await store.ReadDigestScheduleStartAsync(platform, channel, cancellationToken) ?? loadEnd;
            // The host keeps posting later slots while this runs: a post the fake has just accepted is recorded by its
            // slot a moment later. So the posts and then the rows are read again (up to 5 s) until they agree; a post
            // that no slot ever records, or one posted twice, stays a problem in every reading.
            IReadOnlyList<DigestMessage> messages;
            DigestSlotStats stats;
            var readings = 0;
            do
            {
                if (readings++ > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }

                messages = MessagesOf(platform, discordServer, slackServer);
                var rows = await store.ReadDigestRowsAsync(platform, channel, cancellationToken);
                stats = DigestAudit.Check(platform, plan, start, loadEnd, rows, messages);
            }
            while ((!stats.Passed || stats.Problems.Count > 0) && readings < 10);

            report.Digests.Add(stats);
            foreach (var problem in stats.Problems)
            {
                await log.WriteLineAsync($"digest {platform}: {problem}");
            }

            var fault = platform == DiscordLoad.Platform ? FaultInjector.DiscordDigest5xx : FaultInjector.SlackDigest429;
            if (injector.DigestInjections.TryGetValue(fault, out var injections) && injector.Records.TryGetValue(fault, out var record))
            {
                record.Recovered = DigestAudit.RecoveredInjections(injections, FaultInjector.DigestFailures, messages);
            }
        }
    }
}
