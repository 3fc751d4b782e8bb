using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Libraries;

/// <summary>
/// Host settings that map the fake Discord server and Slack workspace onto the default library "local", where the seeds
/// are indexed: how an operator keeps serving an existing library after the upgrade (README "Libraries").
/// </summary>
public static class SeedLibrary
{
    public static readonly string[] Settings =
    [
        "--Libraries:Named:local:DiscordGuilds:0=" + DiscordPayloads.GuildId,
        "--Libraries:Named:local:SlackTeams:0=" + FakeSlackServer.TeamId,
    ];
}
