namespace ChatBot.Soak;

/// <summary>How often a fault was injected and how often the bot came back from it (reconnected, answered on).</summary>
public sealed class FaultRecord(string name)
{
    public string Name { get; } = name;

    public int Injected { get; set; }

    public int Recovered { get; set; }

    public string Note { get; set; } = string.Empty;
}
