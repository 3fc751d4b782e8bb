using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Registers the slash commands with one bulk overwrite, only when the set (or its scope) changed since the
/// last successful overwrite: the hash is kept in a file under the data directory.
/// </summary>
public sealed class DiscordCommandRegistrar(DiscordApi api, IOptions<DiscordOptions> options, ILogger<DiscordCommandRegistrar> logger)
{
    public const string HashFileName = "discord-commands.sha256";

    /// <summary>True when an overwrite was sent.</summary>
    public async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var commands = DiscordCommandSet.Build();
        var hash = DiscordCommandSet.Hash(commands, settings.ApplicationId ?? string.Empty, settings.GuildId);
        var file = Path.Combine(settings.DataDirectory ?? "data", HashFileName);
        if (File.Exists(file) && (await File.ReadAllTextAsync(file, cancellationToken)).Trim() == hash)
        {
            DiscordLog.CommandsUnchanged(logger);
            return false;
        }

        var count = await api.BulkOverwriteCommandsAsync(settings.GuildId, commands, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, hash, cancellationToken);
        DiscordLog.CommandsRegistered(logger, count, string.IsNullOrWhiteSpace(settings.GuildId) ? "global" : "guild");
        return true;
    }
}
