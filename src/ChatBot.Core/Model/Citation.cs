namespace ChatBot.Core.Model;

/// <summary>A numbered source behind an answer: "[1] Title — source".</summary>
public sealed record Citation(
    int Number,
    long ArticleId,
    string Title,
    string Source,
    string? Url,
    string Quote,
    double Score);
