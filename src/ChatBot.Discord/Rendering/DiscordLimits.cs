namespace ChatBot.Discord.Rendering;

/// <summary>Discord message limits (protocols.md A5.2).</summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int EmbedTotal = 6000;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int ButtonLabel = 80;
    public const int CustomId = 100;
    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
}
