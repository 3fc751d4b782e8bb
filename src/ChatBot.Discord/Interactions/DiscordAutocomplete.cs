using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Answers an autocomplete interaction with the articles of the channel's library whose title (or id) matches what is
/// typed; nothing where the place has no library (a DM without <c>Libraries:DirectMessages</c>).
/// </summary>
public sealed class DiscordAutocomplete(IRetrievalService retrieval, DiscordApi api, ILogger<DiscordAutocomplete> logger, LibraryMap? libraries = null)
{
    private readonly LibraryMap _libraries = libraries ?? new LibraryMap(new LibraryOptions());

    public async Task RespondAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var typed = (interaction.FocusedValue ?? string.Empty).Trim();
        var choices = new JsonArray();
        try
        {
            var library = _libraries.Resolve(LibraryMap.DiscordPlatform, interaction.GuildId, interaction.ChannelId ?? string.Empty).Library;
            var articles = library is null ? [] : await retrieval.ListArticlesAsync(library, cancellationToken);
            foreach (var article in articles
                .Where(a => typed.Length == 0 || a.Title.Contains(typed, StringComparison.OrdinalIgnoreCase) || a.Id.ToString(CultureInfo.InvariantCulture) == typed)
                .Take(DiscordLimits.AutocompleteChoices))
            {
                var id = article.Id.ToString(CultureInfo.InvariantCulture);
                choices.Add(new JsonObject
                {
                    ["name"] = TextSplitter.Truncate($"{id}. {article.Title}", DiscordLimits.ChoiceName),
                    ["value"] = id,
                });
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DiscordLog.AutocompleteFailed(logger, ex, interaction.Id);
        }

        var response = new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = choices } };
        await api.RespondAsync(interaction.Id, interaction.Token, response, cancellationToken);
    }
}
