namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// The bot's meter and activity source are process-wide: tests that count what they record run alone, so no other
/// test's requests are counted with theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
