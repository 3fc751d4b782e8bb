using System.Data.Common;
using System.Text.Json;
using ChatBot.Core.Model;
using ChatBot.Core.Stats;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Stats;

/// <summary>
/// The question log and its votes in the bot's database (either dialect; on PostgreSQL shared by replicas), and the
/// figures read from it. Users are kept only as <see cref="UserHasher"/> hashes; question, answer and citations go
/// with the row when <see cref="QuestionLogRetention"/> deletes it.
/// </summary>
public sealed class QuestionLogStore(SqlDatabase database) : IQuestionLog, IChatStats
{
    public static readonly SqlMigration Migration = new("0030_question_log", SqliteStatsSql.Schema, PostgresStatsSql.Schema);

    /// <summary>Longest question or answer text kept (longer ones are cut).</summary>
    public const int MaxTextLength = 4000;

    private const string Insert = """
        INSERT INTO questions (library, platform, user_hash, outcome, answer_ms, model_fallback, question, answer, citations, asked_at)
        VALUES (@library, @platform, @user, @outcome, @ms, @fallback, @question, @answer, @citations, @at)
        RETURNING id
        """;

    private const string Vote = """
        INSERT INTO question_votes (question_id, user_hash, vote, voted_at)
        SELECT id, @user, @vote, @at FROM questions WHERE id = @question
        ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly UserHasher _users = new(database);

    public async Task<long> RecordAsync(QuestionRecord question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var citations = JsonSerializer.Serialize(question.Citations.Select(c => new { c.Number, c.ArticleId, c.Title, c.Url }), Json);
        var id = await database.ScalarAsync(
            Insert,
            [
                ("library", question.Library), ("platform", question.Platform), ("user", await _users.HashAsync(question.Platform, question.UserId, cancellationToken)),
                ("outcome", question.Outcome), ("ms", question.AnswerMilliseconds), ("fallback", question.ModelFallback),
                ("question", Cut(question.Question)), ("answer", Cut(question.Answer)), ("citations", citations), ("at", database.Time(question.AskedAt)),
            ],
            cancellationToken);
        return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> VoteAsync(long questionId, string platform, string userId, int vote, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(Math.Abs(vote), 1, nameof(vote));
        var user = await _users.HashAsync(platform, userId, cancellationToken);
        return await database.ExecuteAsync(Vote, [("question", questionId), ("user", user), ("vote", vote), ("at", database.Time(at))], cancellationToken) > 0;
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM questions WHERE asked_at < @cutoff", [("cutoff", database.Time(cutoff))], cancellationToken);

    public async Task<StatsSummary> SummarizeAsync(string? library, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (filter, arguments) = Window(library, from, to);
        var rows = await database.QueryAsync(
            "SELECT q.outcome, q.answer_ms, q.model_fallback FROM questions q WHERE " + filter,
            arguments,
            reader => (Outcome: reader.GetString(0), Milliseconds: reader.GetInt64(1), Fallback: !reader.IsDBNull(2)),
            cancellationToken);
        var votes = await database.QueryAsync(
            "SELECT v.vote, COUNT(*) FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE " + filter + " GROUP BY v.vote",
            arguments,
            reader => (Vote: Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Count: Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken);
        var times = rows.Where(r => r.Outcome is QuestionOutcomes.Answered or QuestionOutcomes.Abstained).Select(r => r.Milliseconds).Order().ToList();
        return new StatsSummary(
            rows.Count,
            rows.Count(r => r.Outcome == QuestionOutcomes.Answered),
            rows.Count(r => r.Outcome == QuestionOutcomes.Abstained),
            rows.Count(r => r.Outcome == QuestionOutcomes.Failed),
            rows.Count(r => r.Outcome == QuestionOutcomes.Busy),
            Percentile(times, 0.5),
            Percentile(times, 0.95),
            votes.Where(v => v.Vote > 0).Sum(v => v.Count),
            votes.Where(v => v.Vote < 0).Sum(v => v.Count),
            rows.Count(r => r.Fallback));
    }

    public async Task<IReadOnlyList<int>> QuestionsPerHourAsync(string? library, DateTimeOffset to, int hours, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        var end = new DateTimeOffset(to.UtcTicks - (to.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
        var start = end.AddHours(-hours);
        var (filter, arguments) = Window(library, start, end);
        var times = await database.QueryAsync("SELECT q.asked_at FROM questions q WHERE " + filter, arguments, reader => database.ReadTime(reader, 0), cancellationToken);
        var counts = new int[hours];
        foreach (var at in times)
        {
            counts[(int)((at - start).Ticks / TimeSpan.TicksPerHour)]++;
        }

        return counts;
    }

    public async Task<IReadOnlyList<GapQuestion>> GapQuestionsAsync(string? library, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var (filter, arguments) = Window(library, since, null);
        return await database.QueryAsync(
            $"""
            SELECT q.id, q.library, q.question, q.outcome, q.asked_at,
                   (SELECT COUNT(*) FROM question_votes v WHERE v.question_id = q.id AND v.vote < 0) AS downs
            FROM questions q
            WHERE {filter} AND q.outcome <> '{QuestionOutcomes.Busy}'
              AND (q.outcome = '{QuestionOutcomes.Abstained}' OR EXISTS (SELECT 1 FROM question_votes v WHERE v.question_id = q.id AND v.vote < 0))
            ORDER BY q.asked_at DESC, q.id DESC
            LIMIT @limit
            """,
            [.. arguments, ("limit", limit)],
            reader => new GapQuestion(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3) == QuestionOutcomes.Abstained,
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), database.ReadTime(reader, 4)),
            cancellationToken);
    }

    /// <summary>The nearest-rank percentile of sorted values (null when there are none).</summary>
    internal static long? Percentile(IReadOnlyList<long> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The questions of a library (or all) asked in [from, to) (to null: since from): fixed SQL, values as parameters.</summary>
    private (string Filter, SqlArgument[] Arguments) Window(string? library, DateTimeOffset from, DateTimeOffset? to)
    {
        var filter = "q.asked_at >= @from";
        List<SqlArgument> arguments = [("from", database.Time(from))];
        if (to is { } end)
        {
            filter += " AND q.asked_at < @to";
            arguments.Add(("to", database.Time(end)));
        }

        if (library is not null)
        {
            filter += " AND q.library = @library";
            arguments.Add(("library", library));
        }

        return (filter, [.. arguments]);
    }

    private static string Cut(string text) => text.Length > MaxTextLength ? text[..MaxTextLength] : text;
}
