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
}
