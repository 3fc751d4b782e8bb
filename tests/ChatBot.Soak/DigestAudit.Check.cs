using System.Globalization;

namespace ChatBot.Soak;

/// <summary>The audit itself: each platform's digest slots against the posts its fake received.</summary>
public static partial class DigestAudit
{
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
}
