namespace ChatBot.Soak;

/// <summary>One question the load sent: when it went out (and how often), when it was acknowledged, what came back.</summary>
public sealed class TrackedQuestion(string platform, string key, string text)
{
    private readonly List<(DateTimeOffset At, string Body)> _replies = [];
    private readonly Lock _gate = new();

    public string Platform { get; } = platform;

    /// <summary>Discord: the interaction id. Slack: the message ts (the thread the answer goes to).</summary>
    public string Key { get; } = key;

    public string Text { get; } = text;

    public DateTimeOffset FirstSentAt { get; private set; }

    public DateTimeOffset LastSentAt { get; private set; }

    public int Deliveries { get; private set; }

    /// <summary>The connection (gateway connection or Socket Mode socket) it was last sent on.</summary>
    public object? Connection { get; private set; }

    public DateTimeOffset? AckAt { get; private set; }

    /// <summary>Acknowledgement time minus the time of the delivery the bot acknowledged.</summary>
    public TimeSpan? AckDelay { get; private set; }

    public int Acks { get; private set; }

    /// <summary>True when the fake must not count this as a question (fuzz cases the bot may ignore).</summary>
    public bool MayBeIgnored { get; init; }

    public void Sent(DateTimeOffset at, object connection)
    {
        lock (_gate)
        {
            if (Deliveries == 0)
            {
                FirstSentAt = at;
            }

            LastSentAt = at;
            Connection = connection;
            Deliveries++;
        }
    }

    public void Acknowledged(DateTimeOffset at)
    {
        lock (_gate)
        {
            Acks++;
            if (AckAt is null)
            {
                AckAt = at;
                AckDelay = at - LastSentAt;
            }
        }
    }

    public void Replied(DateTimeOffset at, string body)
    {
        lock (_gate)
        {
            _replies.Add((at, body));
        }
    }

    /// <summary>
    /// An edit of the message that carries the answer: the first one is when the answer appeared, later ones (a
    /// streamed answer growing, the final edit with sources) replace its text, so the outcome is the final text.
    /// </summary>
    public void Edited(DateTimeOffset at, string body)
    {
        lock (_gate)
        {
            if (_replies.Count == 0)
            {
                _replies.Add((at, body));
            }
            else
            {
                _replies[^1] = (_replies[^1].At, body);
            }
        }
    }

    public int ReplyCount
    {
        get
        {
            lock (_gate)
            {
                return _replies.Count;
            }
        }
    }

    public TimeSpan? AnswerLatency
    {
        get
        {
            lock (_gate)
            {
                return _replies.Count == 0 ? null : _replies[0].At - FirstSentAt;
            }
        }
    }

    public QuestionOutcome Outcome
    {
        get
        {
            lock (_gate)
            {
                if (_replies.Count == 0)
                {
                    return QuestionOutcome.Lost;
                }

                var body = _replies[0].Body;
                return body.Contains("busy right now", StringComparison.OrdinalIgnoreCase) ? QuestionOutcome.Busy
                    : body.Contains("Something went wrong", StringComparison.OrdinalIgnoreCase) ? QuestionOutcome.Failed
                    : QuestionOutcome.Answered;
            }
        }
    }

    /// <summary>
    /// Answered (or refused) more than once; on Discord also acknowledged more than once (a second interaction callback is
    /// a second handling). Slack acks every delivery of an event, so repeated acks there are correct.
    /// </summary>
    public bool Doubled
    {
        get
        {
            lock (_gate)
            {
                return _replies.Count > 1 || (Platform == DiscordLoad.Platform && Acks > 1);
            }
        }
    }
}
