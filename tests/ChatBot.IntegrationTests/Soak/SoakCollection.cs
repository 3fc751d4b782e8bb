namespace ChatBot.IntegrationTests.Soak;

/// <summary>
/// The soak tests measure acknowledgement times, and the PostgreSQL soak stops and starts the shared test server: they
/// run alone, one at a time, after every parallel collection (the PostgreSQL one among them), never beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}
