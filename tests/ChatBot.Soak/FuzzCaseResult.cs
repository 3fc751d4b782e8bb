namespace ChatBot.Soak;

/// <summary>One hostile input and what the bot did with it.</summary>
public sealed record FuzzCaseResult(string Area, string Case, bool Passed, string Outcome);
