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

    public static DigestSlotStats Check(
        string platform, DigestPlan plan, DateTimeOffset scheduleStart, DateTimeOffset runEnd, IReadOnlyList<DigestRow> rows, IReadOnlyList<DigestMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(messages);
        var c = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        var accepted = messages.Where(m => m.Accepted && m.Id is not null).OrderBy(m => m.At).ToList();
        var byId = accepted.GroupBy(m => m.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var doubled = new HashSet<DateTimeOffset>();

        // Which slot each accepted post belongs to: the row that recorded its id, or (an untitled continuation of a part
        // the platform needed two messages for) the row of the post just before it.
        var owner = new Dictionary<string, DigestRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var id in row.MessageIds)
            {
                if (owner.TryGetValue(id, out var other) && other != row)
                {
                    doubled.Add(row.Slot);
                    problems.Add(string.Create(c, $"message {id} is recorded by the slots {other.Slot:HH:mm:ss} and {row.Slot:HH:mm:ss}"));
                }

                owner.TryAdd(id, row);
            }
        }

        var orphans = new List<DigestMessage>();
        DigestRow? previous = null;
        foreach (var message in accepted)
        {
            if (owner.TryGetValue(message.Id!, out var row))
            {
                previous = row;
            }
            else if (message.Title is null && previous is not null)
            {
                owner[message.Id!] = previous;
            }
            else
            {
                previous = null;
                orphans.Add(message);
            }
        }

        // A post no slot recorded is a repeat of the slot whose post it copies (same body or a story in common), or an
        // extra post that belongs to no slot: both are posts the channel got twice or should not have got.
        var extras = 0;
        foreach (var orphan in orphans)
        {
            var twin = accepted.FirstOrDefault(m => owner.ContainsKey(m.Id!) && (m.Body == orphan.Body || m.Stories.Overlaps(orphan.Stories)));
            if (twin is not null)
            {
                var slot = owner[twin.Id!].Slot;
                doubled.Add(slot);
                problems.Add(string.Create(c, $"post {orphan.Id} at {orphan.At:HH:mm:ss.fff} (“{orphan.Title}”) repeats the digest of slot {slot:HH:mm:ss} and no slot recorded it"));
            }
            else
            {
                extras++;
                problems.Add(string.Create(c, $"post {orphan.Id} at {orphan.At:HH:mm:ss.fff} (“{orphan.Title}”) belongs to no recorded slot"));
            }
        }

        // Windows do not overlap: a story in the digests of two slots was posted twice.
        var storySlots = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var message in accepted.Where(m => owner.ContainsKey(m.Id!)))
        {
            var slot = owner[message.Id!].Slot;
            foreach (var story in message.Stories)
            {
                if (storySlots.TryGetValue(story, out var first) && first != slot)
                {
                    doubled.Add(slot > first ? slot : first);
                    problems.Add(string.Create(c, $"“{story}” is in the digests of slots {first:HH:mm:ss} and {slot:HH:mm:ss}"));
                }

                storySlots.TryAdd(story, slot);
            }
        }

        var complete = new Dictionary<DateTimeOffset, bool>();
        var arrival = new Dictionary<DateTimeOffset, DateTimeOffset>();
        foreach (var row in rows)
        {
            var posts = accepted.Where(m => owner.TryGetValue(m.Id!, out var r) && r == row).ToList();
            var missing = row.MessageIds.Count(id => !byId.ContainsKey(id));
            var titled = posts.Where(m => m.Title is not null).ToList();
            var repeatedParts = titled.GroupBy(m => m.Part).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (repeatedParts.Count > 0 || row.MessageIds.Count > row.PartsPosted)
            {
                doubled.Add(row.Slot);
                problems.Add(string.Create(c, $"slot {row.Slot:HH:mm:ss}: parts {string.Join(", ", repeatedParts)} posted more than once ({row.MessageIds.Count} ids recorded for {row.PartsPosted} parts)"));
            }

            var partCount = titled.Count > 0 ? titled.Max(m => m.PartCount) : 0;
            var done = row.Status is "posted" or "empty";
            complete[row.Slot] = done && missing == 0 && row.PartsPosted == partCount && titled.Select(m => m.Part).Distinct().Count() == partCount;
            if (done && !complete[row.Slot])
            {
                problems.Add(string.Create(c, $"slot {row.Slot:HH:mm:ss} is {row.Status} with {row.PartsPosted} parts recorded, but {titled.Select(m => m.Part).Distinct().Count()} of {partCount} parts reached the platform ({missing} recorded ids never did)"));
            }

            if (posts.Count > 0)
            {
                arrival[row.Slot] = posts.Max(m => m.At);
            }
        }

        var due = plan.DueSlots(scheduleStart, runEnd);
        var bySlot = rows.GroupBy(r => r.Slot).ToDictionary(g => g.Key, g => g.First());
        int postedOnce = 0, skipped = 0, merged = 0, empty = 0, retried = 0;
        var latest = TimeSpan.Zero;
        foreach (var slot in due)
        {
            if (!bySlot.TryGetValue(slot, out var row))
            {
                skipped++;
                var covering = rows.Where(r => r.Slot > slot).MinBy(r => r.Slot);
                if (covering is { MissedSlots: > 1 })
                {
                    merged++;
                    problems.Add(string.Create(c, $"slot {slot:HH:mm:ss} was never posted: the scheduler folded it into the catch-up digest of slot {covering.Slot:HH:mm:ss} ({covering.MissedSlots} slots)"));
                }
                else
                {
                    problems.Add(string.Create(c, $"slot {slot:HH:mm:ss} was never claimed"));
                }

                continue;
            }

            if (row.Attempts > 1)
            {
                retried++;
            }

            if (!complete[slot])
            {
                skipped++;
                if (row.Status is not ("posted" or "empty"))
                {
                    problems.Add(string.Create(c, $"slot {slot:HH:mm:ss} is still {row.Status} after {row.Attempts} attempts at the end of the drain"));
                }

                continue;
            }

            if (row.Status == "empty")
            {
                empty++;
            }

            if (arrival.TryGetValue(slot, out var at) && at - slot > latest)
            {
                latest = at - slot;
            }

            if (!doubled.Contains(slot))
            {
                postedOnce++;
            }
        }

        return new DigestSlotStats(
            platform,
            DigestPlan.ChannelOf(platform),
            plan.EverySeconds,
            due.Count,
            postedOnce,
            doubled.Count + extras,
            skipped,
            merged,
            empty,
            retried,
            messages.Count(m => !m.Accepted),
            accepted.Count,
            accepted.SelectMany(m => m.Stories).Distinct(StringComparer.Ordinal).Count(),
            latest,
            problems);
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
