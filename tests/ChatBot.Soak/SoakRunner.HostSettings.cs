using System.Globalization;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Llm;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>Each replica's settings: storage, the fakes it talks to, the library mapping, the LLM and digests when the run has them.</summary>
public static partial class SoakRunner
{
    private static List<string> HostSettings(
        SoakOptions options, ISoakStore store, string work, int replica, FakeDiscordServer discordServer, FakeSlackServer slackServer, FakeOpenAiServer llmServer, bool useLlm,
        DigestPlan? digests)
    {
        var settings = new List<string>(store.Settings);
        if (store.Storage == SoakStorage.Postgres)
        {
            settings.Add("--Storage:DataDirectory=" + Path.Combine(work, "host-" + replica.ToString(CultureInfo.InvariantCulture)));
        }

        if (options.Discord && replica == 1)
        {
            // One shard: only one replica holds the gateway (docs/scale-out.md).
            settings.AddRange([
                "--Discord:Token=" + FakeDiscordServer.BotToken,
                "--Discord:ApplicationId=" + FakeDiscordServer.ApplicationId,
                "--Discord:ApiBaseUrl=" + discordServer.ApiBaseUrl,
                "--Discord:ReconnectDelayMilliseconds=250",
                "--Discord:IdentifySpacingMilliseconds=1000",
            ]);
        }

        if (options.Slack)
        {
            settings.AddRange([
                "--Slack:BotToken=" + SlackBotToken(replica),
                "--Slack:AppToken=xapp-soak",
                "--Slack:ApiBaseUrl=" + slackServer.ApiBaseUrl.AbsoluteUri,
                "--Slack:SocketConnections=" + SlackConnections.ToString(CultureInfo.InvariantCulture),
                "--Slack:ConnectionStaggerMilliseconds=0",
                "--Slack:ReconnectDelayMilliseconds=250",
            ]);
        }

        // The soak asks from the fake Discord server and Slack workspace about the articles it ingested into "local":
        // both places are mapped onto that library (README "Libraries": upgrading in place).
        settings.AddRange([
            "--Libraries:Named:local:DiscordGuilds:0=" + DiscordPayloads.GuildId,
            "--Libraries:Named:local:SlackTeams:0=" + FakeSlackServer.TeamId,
        ]);

        if (useLlm)
        {
            settings.AddRange(["--Llm:Provider=OpenAI", "--Llm:Endpoint=" + llmServer.BaseUrl, "--Llm:Model=soak-model", "--Llm:ApiKey=sk-soak", "--Llm:TimeoutSeconds=2"]);
        }

        if (digests is not null)
        {
            // Every replica has the same digest configuration, as a deployment's shared settings file would give it; a
            // replica without Discord leaves the Discord slots to the one that runs it.
            settings.AddRange(digests.HostSettings(options.Discord, options.Slack));
        }

        settings.AddRange(options.HostSettings);
        return settings;
    }

    /// <summary>Each replica posts to Slack with its own bot token, so the report can tell which one answered.</summary>
    private static string SlackBotToken(int replica) => replica == 1 ? "xoxb-soak" : "xoxb-soak-r" + replica.ToString(CultureInfo.InvariantCulture);
}
