namespace ChatBot.TestKit.Llm;

public enum FakeChatKind
{
    Reply,
    Status,
    Garbage,
    Hang,
}

/// <summary>What the fake server does with one request. Replies stream when the client asks for a stream.</summary>
public sealed record FakeChatBehaviour(FakeChatKind Kind)
{
    /// <summary>The reply, as streamed pieces (joined for a non-streaming request).</summary>
    public IReadOnlyList<string> Pieces { get; init; } = [];

    public int StatusCode { get; init; } = 200;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>Waited before the reply (or between streamed pieces), cancelled when the client gives up.</summary>
    public TimeSpan Delay { get; init; }

    public string Text => string.Concat(Pieces);

    public static FakeChatBehaviour Reply(string text) => new(FakeChatKind.Reply) { Pieces = [text] };

    public static FakeChatBehaviour Stream(params string[] pieces) => new(FakeChatKind.Reply) { Pieces = pieces };

    public static FakeChatBehaviour RateLimited(int retryAfterSeconds = 1) => new(FakeChatKind.Status) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds };

    public static FakeChatBehaviour ServerError(int statusCode = 500) => new(FakeChatKind.Status) { StatusCode = statusCode };

    /// <summary>200 with a body that is not a chat completion.</summary>
    public static FakeChatBehaviour Garbage() => new(FakeChatKind.Garbage);

    /// <summary>Never answers; the request ends when the client cancels (its timeout).</summary>
    public static FakeChatBehaviour Hang() => new(FakeChatKind.Hang);
}
