using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Libraries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval.Libraries;

public class LibraryServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLibraries().BuildServiceProvider();
    }

    [Fact]
    public void AddLibraries_NamedLibrariesFromConfiguration_AreBoundIntoTheMap()
    {
        using var services = Build(new()
        {
            ["Libraries:Default"] = "office",
            ["Libraries:DirectMessages"] = "public",
            ["Libraries:Named:acme:DiscordGuilds:0"] = "111",
            ["Libraries:Named:acme:SlackTeams:0"] = "T1",
            ["Libraries:Named:acme:Channels:0"] = "discord:555",
            ["Libraries:Named:acme:Admins:0"] = "discord:111",
            ["Libraries:Named:acme:ReadOnlyOn:0"] = "slack",
        });

        var map = services.GetRequiredService<LibraryMap>();

        Assert.Equal("office", map.Resolve("console", null, "console").Library);
        Assert.Equal("public", map.Resolve("discord", null, "dm").Library);
        Assert.Equal("acme", map.Resolve("discord", "111", "c").Library);
        Assert.Equal("acme", map.Resolve("slack", "T1", "C").Library);
        Assert.Equal("acme", map.Resolve("discord", "999", "555").Library);
        Assert.Null(map.WhyAdminMayNotChange("discord", "111", "acme"));
        Assert.Contains("read-only", map.WhyAdminMayNotChange("slack", "T1", "acme"));
    }

    [Fact]
    public void AddLibraries_PlaceMappedTwice_FailsValidationNamingTheKey()
    {
        using var services = Build(new()
        {
            ["Libraries:Named:acme:DiscordGuilds:0"] = "111",
            ["Libraries:Named:globex:DiscordGuilds:0"] = "111",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LibraryOptions>>().Value);

        Assert.Contains("Libraries:Named:globex", error.Message, StringComparison.Ordinal);
    }
}
