using ChatBot.Core.Platforms;
using ChatBot.Slack;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>The Socket Mode connections: refresh, two at once, reconnects, and what a disabled link or a rejected token stops.</summary>
public sealed partial class SlackSocketModeTests
{
    [Fact]
    public async Task RefreshRequested_ReplacementOpenBeforeOldCloses_NothingLost()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 1);
        var old = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await old.SendAsync(SlackPayloads.Disconnect("refresh_requested"));
        // Still in flight on the old socket while the replacement opens.
        await old.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000001.000100", "on the old socket")));
        var replacement = await bot.Slack.WaitForSocketAsync(1, Timeout);
        await old.Closed.WaitAsync(Timeout);
        await replacement.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.AppMention("Ev2", "1700000002.000100", "on the new socket")));

        Assert.Equal(1, replacement.OpenBefore);
        Assert.Equal("env-1", (string?)(await old.ReceiveAsync(Timeout))["envelope_id"]);
        Assert.Equal("env-2", (string?)(await replacement.ReceiveAsync(Timeout))["envelope_id"]);
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000001.000100"), Timeout);
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000002.000100"), Timeout);
        Assert.Equal(2, bot.Slack.Requests("apps.connections.open").Count);
    }

    [Fact]
    public async Task TwoConnections_BothOpened()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 2);

        var first = await bot.Slack.WaitForSocketAsync(0, Timeout);
        var second = await bot.Slack.WaitForSocketAsync(1, Timeout);

        Assert.False(first.IsClosed);
        Assert.False(second.IsClosed);
    }

    [Fact]
    public async Task UnexpectedClose_Reconnects()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 1);
        var first = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await first.DropAsync();
        var second = await bot.Slack.WaitForSocketAsync(1, Timeout);
        await second.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000001.000100", "after the drop")));

        Assert.Equal("env-1", (string?)(await second.ReceiveAsync(Timeout))["envelope_id"]);
    }

    /// <summary>The platform failure policy (PlatformStatus): a fatal error stops Slack only; the host keeps running.</summary>
    [Fact]
    public async Task LinkDisabled_StopsSlackOnly_HostKeepsRunning()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 1, http: true);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        var platform = bot.Host.Services.GetServices<IHostedService>().OfType<SlackPlatformService>().Single();
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();

        await socket.SendAsync(SlackPayloads.Disconnect("link_disabled"));

        await platform.ExecuteTask!.WaitAsync(Timeout);
        Assert.Single(bot.Slack.Requests("apps.connections.open"));
        var reason = Assert.Single(bot.Host.Services.GetRequiredService<PlatformStatus>().StoppedPlatforms, p => p.Key == "slack").Value;
        Assert.Contains("link_disabled", reason, StringComparison.Ordinal);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(bot.HttpBase, "/slack/events"), new StringContent("{}")));
    }

    [Fact]
    public async Task TokenRejectedAtStart_SlackStopped_HostStarts()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 1, authError: "invalid_auth");

        var reason = Assert.Single(bot.Host.Services.GetRequiredService<PlatformStatus>().StoppedPlatforms, p => p.Key == "slack").Value;
        Assert.Contains("invalid_auth", reason, StringComparison.Ordinal);
        Assert.False(bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Empty(bot.Slack.Requests("apps.connections.open"));
    }
}
