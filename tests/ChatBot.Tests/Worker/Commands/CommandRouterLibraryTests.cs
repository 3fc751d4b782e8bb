using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.Tests.Worker.Commands;

public class CommandRouterLibraryTests
{
    private readonly Mock<IRetrievalService> _retrieval = new(MockBehavior.Strict);

    private CommandRouter Router(LibraryOptions? options = null) =>
        new(_retrieval.Object, NullLogger<CommandRouter>.Instance, libraries: new LibraryMap(options ?? new LibraryOptions()));

    private static ChatRequest Discord(ChatCommand command, string argument, string? guild, bool admin = false) =>
        new("discord", "c1", "u1", command, argument, admin, "ref1") { Workspace = guild };

    private static LibraryOptions SharedByTwoServers()
    {
        var options = new LibraryOptions();
        var acme = new NamedLibraryOptions();
        acme.DiscordGuilds.Add("111");
        acme.DiscordGuilds.Add("222");
        acme.Admins.Add("discord:111");
        options.Named["acme"] = acme;
        return options;
    }

    [Fact]
    public async Task HandleAsync_DiscordDmWithoutDmLibrary_RefusesWithoutTouchingRetrieval()
    {
        var reply = await Router().HandleAsync(Discord(ChatCommand.Ask, "why?", guild: null), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("Direct messages", reply.Text, StringComparison.Ordinal);
        _retrieval.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_LibraryCommand_NamesTheServersOwnLibrary()
    {
        var reply = await Router().HandleAsync(Discord(ChatCommand.Library, string.Empty, "111"), CancellationToken.None);

        Assert.Contains("library discord:111", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Help_NamesTheChannelsLibrary()
    {
        var reply = await Router(SharedByTwoServers()).HandleAsync(Discord(ChatCommand.Help, string.Empty, "222"), CancellationToken.None);

        Assert.Contains("library acme", reply.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DiscordDmWithDmLibrary_ListsThatLibraryUnderItsName()
    {
        _retrieval.Setup(r => r.ListArticlesAsync("dms", It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var reply = await Router(new LibraryOptions { DirectMessages = "dms" }).HandleAsync(Discord(ChatCommand.Articles, string.Empty, guild: null), CancellationToken.None);

        Assert.Equal("Library dms", reply.Title);
        _retrieval.Verify(r => r.ListArticlesAsync("dms", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_LibraryCommandInASharedLibrary_SaysItIsShared()
    {
        var reply = await Router(SharedByTwoServers()).HandleAsync(Discord(ChatCommand.Library, string.Empty, "222"), CancellationToken.None);

        Assert.Contains("library acme (shared", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Libraries:Named:acme:Admins", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AdminOfAServerNotAllowedOnTheSharedLibrary_IsRefusedBeforeAnyChange()
    {
        var reply = await Router(SharedByTwoServers()).HandleAsync(Discord(ChatCommand.Forget, "1", "222", admin: true), CancellationToken.None);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("shared", reply.Text, StringComparison.Ordinal);
        _retrieval.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_ReadOnlyPlatform_RefusesAnAdminsChange()
    {
        var options = SharedByTwoServers();
        options.Named["acme"].ReadOnlyOn.Add("discord");

        var reply = await Router(options).HandleAsync(Discord(ChatCommand.Add, "https://example.test/a", "111", admin: true), CancellationToken.None);

        Assert.Contains("read-only on discord", reply.Text, StringComparison.Ordinal);
        _retrieval.VerifyNoOtherCalls();
    }
}
