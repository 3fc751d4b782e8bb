using ChatBot.Core.Libraries;

namespace ChatBot.Tests.Core.Libraries;

public class LibraryMapTests
{
    private static LibraryMap Map(Action<LibraryOptions>? configure = null)
    {
        var options = new LibraryOptions();
        configure?.Invoke(options);
        Assert.Empty(LibraryMap.Validate(options));
        return new LibraryMap(options);
    }

    private static LibraryOptions Acme(Action<NamedLibraryOptions> configure)
    {
        var options = new LibraryOptions();
        var acme = new NamedLibraryOptions();
        configure(acme);
        options.Named["acme"] = acme;
        return options;
    }

    [Fact]
    public void Resolve_NoConfiguration_EachServerAndWorkspaceHasItsOwnAndTheConsoleLocal()
    {
        var map = Map();

        Assert.Equal("discord:111", map.Resolve("discord", "111", "c1").Library);
        Assert.Equal("discord:222", map.Resolve("discord", "222", "c1").Library);
        Assert.Equal("slack:T1", map.Resolve("slack", "T1", "C1").Library);
        Assert.Equal("local", map.Resolve("console", null, "console").Library);
        Assert.Equal("team", map.Resolve("console", "team", "console").Library);
    }

    [Fact]
    public void Resolve_DiscordDmWithoutConfiguration_IsRefusedWithTheKeyToSet()
    {
        var resolution = Map().Resolve("discord", null, "dm1");

        Assert.Null(resolution.Library);
        Assert.Contains("Libraries:DirectMessages", resolution.Refusal);
    }

    [Fact]
    public void Resolve_DmWithConfiguredLibrary_UsesIt()
    {
        Assert.Equal("public", Map(o => o.DirectMessages = "public").Resolve("discord", null, "dm1").Library);
    }

    [Fact]
    public void Resolve_UnknownPlatform_IsRefused()
    {
        Assert.Null(Map().Resolve("irc", "x", "c").Library);
    }

    [Fact]
    public void Resolve_SharedMapping_TwoServersAndAWorkspaceUseOneLibrary()
    {
        var map = new LibraryMap(Acme(a =>
        {
            a.DiscordGuilds.Add("111");
            a.DiscordGuilds.Add("222");
            a.SlackTeams.Add("T1");
        }));

        Assert.Equal("acme", map.Resolve("discord", "111", "c").Library);
        Assert.Equal("acme", map.Resolve("discord", "222", "c").Library);
        Assert.Equal("acme", map.Resolve("slack", "T1", "C").Library);
        Assert.True(map.Resolve("discord", "111", "c").Shared);
        Assert.Equal("discord:333", map.Resolve("discord", "333", "c").Library);
    }

    [Fact]
    public void Resolve_ChannelEntry_WinsOverTheServersOwnLibrary()
    {
        var map = new LibraryMap(Acme(a => a.Channels.Add("discord:555")));

        Assert.Equal("acme", map.Resolve("discord", "111", "555").Library);
        Assert.Equal("discord:111", map.Resolve("discord", "111", "556").Library);
        Assert.Equal("slack:T1", map.Resolve("slack", "T1", "555").Library);
    }

    [Fact]
    public void WhyAdminMayNotChange_OwnLibrary_IsAllowedAndAnotherServersIsNot()
    {
        var map = Map();

        Assert.Null(map.WhyAdminMayNotChange("discord", "111", "discord:111"));
        Assert.NotNull(map.WhyAdminMayNotChange("discord", "222", "discord:111"));
        Assert.NotNull(map.WhyAdminMayNotChange("slack", "111", "discord:111"));
        Assert.NotNull(map.WhyAdminMayNotChange("discord", null, "discord:111"));
        Assert.Null(map.WhyAdminMayNotChange("console", null, "discord:111"));
    }

    [Fact]
    public void WhyAdminMayNotChange_SharedLibrary_OnlyConfiguredPlacesMayChangeIt()
    {
        var map = new LibraryMap(Acme(a =>
        {
            a.DiscordGuilds.Add("111");
            a.DiscordGuilds.Add("222");
            a.Admins.Add("discord:111");
        }));

        Assert.Null(map.WhyAdminMayNotChange("discord", "111", "acme"));
        Assert.Contains("Libraries:Named:acme:Admins", map.WhyAdminMayNotChange("discord", "222", "acme"));
    }

    [Fact]
    public void WhyAdminMayNotChange_LibraryOfOneServerOnly_ThatServersAdminsMayChangeIt()
    {
        var map = new LibraryMap(Acme(a => a.DiscordGuilds.Add("111")));

        Assert.Null(map.WhyAdminMayNotChange("discord", "111", "acme"));
        Assert.NotNull(map.WhyAdminMayNotChange("discord", "222", "acme"));
    }

    [Fact]
    public void WhyAdminMayNotChange_ChannelMappedIntoAServersLibrary_ThatChannelsServerMayNotChangeIt()
    {
        var map = new LibraryMap(Acme(a =>
        {
            a.DiscordGuilds.Add("111");
            a.Channels.Add("discord:999");
        }));

        Assert.Equal("acme", map.Resolve("discord", "222", "999").Library);
        Assert.NotNull(map.WhyAdminMayNotChange("discord", "222", "acme"));
        Assert.NotNull(map.WhyAdminMayNotChange("discord", "111", "acme"));
    }

    [Fact]
    public void WhyAdminMayNotChange_ReadOnlyOnAPlatform_RefusesEvenConfiguredAdmins()
    {
        var map = new LibraryMap(Acme(a =>
        {
            a.DiscordGuilds.Add("111");
            a.SlackTeams.Add("T1");
            a.Admins.Add("discord:111");
            a.Admins.Add("slack:T1");
            a.ReadOnlyOn.Add("slack");
        }));

        Assert.Null(map.WhyAdminMayNotChange("discord", "111", "acme"));
        Assert.Contains("read-only on slack", map.WhyAdminMayNotChange("slack", "T1", "acme"));
    }

    [Fact]
    public void Validate_BadNamesEntriesAndAPlaceMappedTwice_NameTheKeys()
    {
        var options = Acme(a =>
        {
            a.DiscordGuilds.Add("111");
            a.Channels.Add("irc:1");
            a.ReadOnlyOn.Add("console");
        });
        var other = new NamedLibraryOptions();
        other.DiscordGuilds.Add("111");
        options.Named["Bad Name"] = other;
        options.Default = "has space";

        var failures = LibraryMap.Validate(options);

        Assert.Contains(failures, f => f.StartsWith("Libraries:Default", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Libraries:Named:acme:Channels", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Libraries:Named:acme:ReadOnlyOn", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Libraries:Named:Bad Name:", StringComparison.Ordinal) && f.Contains("a library name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("discord:111 is mapped to library acme too", StringComparison.Ordinal));
    }
}
