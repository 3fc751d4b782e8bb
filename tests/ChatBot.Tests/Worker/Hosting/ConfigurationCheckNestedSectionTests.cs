using ChatBot.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Worker.Hosting;

/// <summary>A section of its own inside another (Health:StatusPage inside Health) is checked as itself, not as an unknown key of the outer one.</summary>
public sealed class ConfigurationCheckNestedSectionTests
{
    [Fact]
    public void StatusPageKeys_AreKnown_AndAMisspeltOneNamesTheNearest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Health:Urls"] = "http://127.0.0.1:8080",
            ["Health:StatusPage:Enabled"] = "true",
            ["Health:StatusPage:AllowRemot"] = "true",
        }).Build();

        var warnings = ConfigurationCheck.UnknownKeys(configuration);

        Assert.Equal(["Unknown configuration key Health:StatusPage:AllowRemot (did you mean Health:StatusPage:AllowRemote?)"], warnings);
    }
}
