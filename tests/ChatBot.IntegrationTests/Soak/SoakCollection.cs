namespace ChatBot.IntegrationTests.Soak;

/// <summary>The soak tests measure acknowledgement times: they run alone, after the parallel tests, not beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}
