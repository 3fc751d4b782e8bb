using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Discord;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.IntegrationTests.Retrieval.Answers;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Data.Sqlite;

namespace ChatBot.IntegrationTests.EndToEnd.FollowUps;

/// <summary>
/// qa findings A9/A10: a conversation about a news article (the seed article beside it), as a user has it in the console
/// in a Slack thread and in Discord replies. The follow-ups carry the previous answer's names ("she" = mayor Ingrid Solberg) but ask
/// something new ("when", "how much … cost"): they must not quote the previous answer's sentence again.
/// </summary>
public sealed class FollowUpConversationTests : IDisposable
{
    private const string Mayor = "This is the moment our city";
    private const string Opened = "switched on Europe's largest floating solar farm on";
    private const string Cost = "The project cost";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _seeds = new();
    private readonly BotHost _bot = new();

    public FollowUpConversationTests()
    {
        File.Copy(AnswerTableFixture.SeedArticle(), Path.Combine(_seeds.Path, "000_seed.txt"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "FollowUps", "Fixtures", "vellmar-solar-farm.txt"), Path.Combine(_seeds.Path, "vellmar-solar-farm.txt"));
    }

    private string SeedsSetting => "--Ingestion:SeedsDirectory=" + _seeds.Path;

    public void Dispose()
    {
        _bot.Dispose();
        _seeds.Dispose();
    }

    [Fact]
    public async Task Console_WhoIsTheMayorThenWhenDidSheOpenItThenHowMuchDidItCost_EachFollowUpAnswersItsOwnQuestion()
    {
        var screen = new StringWriter();
        var input = "who is the mayor\nwhen did she open it\nhow much did it cost u\n/quit\n";

        var code = await CliApp.RunAsync(["--Storage:DataDirectory=" + _bot.DataDirectory, SeedsSetting], new ConsoleIo(new StringReader(input), screen, screen), screen);
        SqliteConnection.ClearAllPools();

        Assert.Equal(0, code);
        var answers = screen.ToString().Split("\n> ", StringSplitOptions.None).Skip(1).Take(3).Select(FirstQuote).ToList();
        Assert.Equal(3, answers.Count);
        Assert.Contains(Mayor, answers[0], StringComparison.Ordinal);
        Assert.Contains(Opened, answers[1], StringComparison.Ordinal);
        Assert.Contains(Cost, answers[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackThread_WhoIsTheMayorThenWhenDidSheOpenItThenHowMuchDidItCost_EachFollowUpAnswersItsOwnQuestion()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = _bot.Build([.. SeedLibrary.Settings, .. BotHost.Slack(slack), SeedsSetting]);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, Timeout);
            const string thread = "1700000000.000100";

            await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", thread, "<@" + FakeSlackServer.BotUserId + "> who is the mayor")));
            Assert.Contains(Mayor, await PostedAsync(1), StringComparison.Ordinal);

            await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000050.000200", "when did she open it", threadTs: thread)));
            Assert.Contains(Opened, await PostedAsync(2), StringComparison.Ordinal);

            await socket.SendAsync(SlackPayloads.Envelope("env-3", "events_api", SlackPayloads.Message("Ev3", "1700000090.000300", "how much did it cost u", threadTs: thread)));
            Assert.Contains(Cost, await PostedAsync(3), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }

        async Task<string> PostedAsync(int count)
        {
            await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && slack.Requests("chat.postMessage").Count >= count, Timeout);
            return FirstQuote((string?)slack.Requests("chat.postMessage")[count - 1].Json?["text"] ?? string.Empty);
        }
    }

    [Fact]
    public async Task DiscordReplies_WhoIsTheMayorThenWhenDidSheOpenItThenHowMuchDidItCost_EachFollowUpAnswersItsOwnQuestion()
    {
        const string Bot = FakeDiscordServer.ApplicationId;
        const string Interaction = "3300000000000000701";
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = _bot.Build([.. SeedLibrary.Settings, .. BotHost.Discord(discord), SeedsSetting]);
        await host.StartAsync();
        try
        {
            var connection = await DiscordRoutes.ConnectedAsync(discord);
            var question = new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "who is the mayor" };
            await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(Interaction, "ask", [question]));
            var answer = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == DiscordRoutes.Original, Timeout);
            Assert.Contains(Mayor, FirstQuote(Description(answer)), StringComparison.Ordinal);

            await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000701", $"<@{Bot}> when did she open it", replyTo: answer.ResponseId, answeredInteraction: Interaction));
            var opened = await RepliedAsync(1);
            Assert.Contains(Opened, FirstQuote(Description(opened)), StringComparison.Ordinal);

            await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000702", $"<@{Bot}> how much did it cost u", replyTo: opened.ResponseId, answeredMessage: "7700000000000000701"));
            Assert.Contains(Cost, FirstQuote(Description(await RepliedAsync(2))), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }

        async Task<FakeDiscordRequest> RepliedAsync(int count)
        {
            await discord.WaitForRequestAsync(r => r.Template == DiscordRoutes.ChannelMessages && discord.Requests.Count(q => q.Template == DiscordRoutes.ChannelMessages) >= count, Timeout);
            return discord.Requests.Where(r => r.Template == DiscordRoutes.ChannelMessages).ElementAt(count - 1);
        }

        static string Description(FakeDiscordRequest request) =>
            JsonDocument.Parse(request.Body).RootElement.GetProperty("embeds")[0].GetProperty("description").GetString() ?? string.Empty;
    }

    /// <summary>The first quoted sentence of an answer (between the first “ and the ” that closes it).</summary>
    private static string FirstQuote(string answer)
    {
        var start = answer.IndexOf('“', StringComparison.Ordinal);
        var end = start < 0 ? -1 : answer.IndexOf("” [", start, StringComparison.Ordinal);
        return start < 0 || end < 0 ? answer : answer[(start + 1)..end];
    }
}
