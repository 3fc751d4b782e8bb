namespace ChatBot.Core.Model;

public enum SummaryLength
{
    Short,
    Medium,
    Long,
}

/// <summary>A summary of one article, its sentences in reading order.</summary>
public sealed record Summary(
    Article Article,
    string Text,
    IReadOnlyList<string> Sentences,
    Citation Citation,
    string? Note = null);
