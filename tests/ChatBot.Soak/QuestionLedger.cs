using System.Collections.Concurrent;

namespace ChatBot.Soak;

/// <summary>Every question of a run, by platform and key.</summary>
public sealed class QuestionLedger
{
    private readonly ConcurrentDictionary<string, TrackedQuestion> _questions = new(StringComparer.Ordinal);

    public TrackedQuestion Add(TrackedQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        _questions[question.Platform + "/" + question.Key] = question;
        return question;
    }

    public TrackedQuestion? Find(string platform, string key) =>
        _questions.TryGetValue(platform + "/" + key, out var q) ? q : null;

    public IReadOnlyList<TrackedQuestion> All => _questions.Values.ToList();

    public IReadOnlyList<TrackedQuestion> Of(string platform) => _questions.Values.Where(q => q.Platform == platform).ToList();

    /// <summary>True when every counted question has had a reply.</summary>
    public bool AllReplied => _questions.Values.All(q => q.MayBeIgnored || q.ReplyCount > 0);
}
