namespace ChatBot.TestKit.Discord;

/// <summary>One REST request the fake Discord received, with the schema errors of its body (empty when valid).</summary>
public sealed record FakeDiscordRequest(
    string Method,
    string Path,
    string Template,
    string Body,
    string? Authorization,
    string? UserAgent,
    string? ContentType,
    IReadOnlyList<string> SchemaErrors,
    DateTimeOffset At)
{
    /// <summary>The status the fake answered with (a scripted failure's status, else 2xx).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The message id the fake answered a created or edited message with (null otherwise).</summary>
    public string? ResponseId { get; init; }
}
