namespace ChatBot.Core.Libraries;

/// <summary>The library a place uses, or why it has none (a Discord DM without <c>Libraries:DirectMessages</c>).</summary>
/// <param name="Library">The library's name; null when refused.</param>
/// <param name="Refusal">Why the place has no library; null when it has one.</param>
/// <param name="Shared">The library is a named one that other places may use too.</param>
public sealed record LibraryResolution(string? Library, string? Refusal, bool Shared)
{
    public static LibraryResolution Of(string library, bool shared = false) => new(library, null, shared);

    public static LibraryResolution Refused(string why) => new(null, why, false);
}
