using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using Microsoft.Data.Sqlite;

namespace ChatBot.Soak;

/// <summary>
/// Checks the digest slots of a run. What reached each platform comes from the fake server's records (accepted posts
/// with the id or ts it answered, refused ones); which slot a post belongs to comes from the ids the bot recorded per
/// part in <c>digest_posts</c>. A slot is posted once when its row is done and every part it recorded reached the
/// platform once; it is doubled when a post repeats one of its parts or stories without being recorded (or a story
/// shows up in two slots' digests), and skipped when it has no row, is not done by the end of the drain, or some of
/// its parts never reached the platform.
/// </summary>
public static partial class DigestAudit
{
    private const string ChannelMessages = "/channels/{channel_id}/messages";

    /// <summary>The posts to the digest channel that the fake Discord received, in arrival order.</summary>
    public static IReadOnlyList<DigestMessage> FromDiscord(IEnumerable<FakeDiscordRequest> requests, string channel)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var path = "/channels/" + channel + "/messages";
        return requests
            .Where(r => r.Method == "POST" && r.Template == ChannelMessages && r.Path.EndsWith(path, StringComparison.Ordinal))
            .Select(r =>
            {
                var embed = Parse(r.Body)?["embeds"] is JsonArray { Count: > 0 } embeds ? embeds[0] as JsonObject : null;
                var title = (string?)embed?["title"];
                var stories = (embed?["fields"] as JsonArray ?? [])
                    .Select(f => (string?)f?["name"])
                    .OfType<string>()
                    .Select(name => FieldNumber().Replace(name, string.Empty))
                    .ToHashSet(StringComparer.Ordinal);
                return Message(r.ResponseId, r.At, r.Status < 400 && r.ResponseId is not null, title, stories, r.Body);
            })
            .ToList();
    }

    /// <summary>The chat.postMessage calls to the digest channel (not in a thread) that the fake Slack received.</summary>
    public static IReadOnlyList<DigestMessage> FromSlack(IEnumerable<RecordedSlackRequest> requests, string channel)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests
            .Where(r => r.Method == "chat.postMessage" && r.Body.Contains(channel, StringComparison.Ordinal) && r.Channel == channel && r.ThreadTs is null)
            .Select(r =>
            {
                var blocks = r.Json?["blocks"] as JsonArray ?? [];
                var title = blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "header").Select(b => (string?)b["text"]?["text"]).FirstOrDefault();
                var stories = blocks.OfType<JsonObject>()
                    .Where(b => (string?)b["type"] == "section")
                    .Select(b => SlackStory((string?)b["text"]?["text"] ?? string.Empty))
                    .OfType<string>()
                    .ToHashSet(StringComparer.Ordinal);
                return Message(r.ResponseTs, r.At, r.Status == 200 && r.ResponseTs is not null, title, stories, r.Body);
            })
            .ToList();
    }

    /// <summary>The bot's digest_posts rows for the channel, read on a connection of their own.</summary>
    public static async Task<IReadOnlyList<DigestRow>> ReadRowsAsync(string dataDirectory, string platform, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(dataDirectory, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT slot, status, catch_up, missed_slots, parts_posted, message_ids, attempts, item_count
            FROM digest_posts WHERE platform = $platform AND channel_id = $channel ORDER BY slot
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channel);
        var rows = new List<DigestRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DigestRow.Read(reader, Time(reader.GetString(0)), reader.GetInt64(2) != 0));
        }

        return rows;
    }

    /// <summary>When the configured schedule was written at start (its slots count from there), or null before that.</summary>
    public static async Task<DateTimeOffset?> ReadScheduleStartAsync(string dataDirectory, string platform, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(dataDirectory, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT updated_at FROM digest_schedules WHERE platform = $platform AND channel_id = $channel AND enabled = 1";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channel);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? Time(text) : null;
    }

    /// <summary>True once the scheduler has reached the last due slot and no slot up to it is still waiting for a (re)try.</summary>
    public static bool IsSettled(DigestPlan plan, DateTimeOffset scheduleStart, DateTimeOffset runEnd, IReadOnlyList<DigestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        var due = plan.DueSlots(scheduleStart, runEnd);
        if (due.Count == 0)
        {
            return true;
        }

        var reached = rows.Where(r => r.Slot >= due[^1]).MinBy(r => r.Slot);
        return reached is not null && rows.Where(r => r.Slot <= reached.Slot).All(r => r.Status != "claimed");
    }

    /// <summary>
    /// How many of the digest faults injected at <paramref name="injections"/> (each scripting <paramref name="failuresEach"/>
    /// refusals of the digest channel's posts) the bot came through: all their refusals were used up by digest posts
    /// and a post to the channel was accepted after the last of them.
    /// </summary>
    public static int RecoveredInjections(IReadOnlyList<DateTimeOffset> injections, int failuresEach, IReadOnlyList<DigestMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(injections);
        ArgumentNullException.ThrowIfNull(messages);
        var refused = messages.Where(m => !m.Accepted).OrderBy(m => m.At).ToList();
        var recovered = 0;
        var used = 0;
        foreach (var at in injections.Order())
        {
            var mine = refused.Skip(used).Where(m => m.At >= at).Take(failuresEach).ToList();
            if (mine.Count < failuresEach)
            {
                break;
            }

            used = refused.IndexOf(mine[^1]) + 1;
            if (messages.Any(m => m.Accepted && m.At > mine[^1].At))
            {
                recovered++;
            }
        }

        return recovered;
    }

    private static DigestMessage Message(string? id, DateTimeOffset at, bool accepted, string? title, IReadOnlySet<string> stories, string body)
    {
        var (part, count) = title is null ? (0, 0) : PartMarker().Match(title) is { Success: true } m
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : (1, 1);
        return new DigestMessage(id, at, accepted, title, part, count, stories, body);
    }

    /// <summary>A story section's title: the bold first line, "*&lt;url|Title&gt;*" or "*Title*".</summary>
    private static string? SlackStory(string mrkdwn)
    {
        var line = mrkdwn.Split('\n')[0];
        if (line.Length < 3 || line[0] != '*' || line[^1] != '*')
        {
            return null;
        }

        var inner = line[1..^1];
        return inner.StartsWith('<') && inner.EndsWith('>') && inner.IndexOf('|', StringComparison.Ordinal) is var bar and > 0
            ? inner[(bar + 1)..^1]
            : inner;
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "chatbot.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [GeneratedRegex(@"\((\d+)/(\d+)\)$")]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"^\d+\.\s")]
    private static partial Regex FieldNumber();
}
