namespace ChatBot.Soak;

/// <summary>
/// One digest post as the fake platform saw it: accepted (with the message id or ts it answered) or refused by a
/// scripted fault, its title, its part ("(2/3)" in the title; 1 of 1 without; 0 of 0 for an untitled continuation
/// message) and the titles of the stories it lists.
/// </summary>
public sealed record DigestMessage(
    string? Id,
    DateTimeOffset At,
    bool Accepted,
    string? Title,
    int Part,
    int PartCount,
    IReadOnlySet<string> Stories,
    string Body);
