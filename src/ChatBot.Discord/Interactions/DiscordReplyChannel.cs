using ChatBot.Core.Chat;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// The reply to one deferred interaction: the first message edits the "thinking…" placeholder (PATCH @original),
/// the rest are follow-ups. An ephemeral reply to a public defer replaces the placeholder with an ephemeral follow-up.
/// While an answer is written, <see cref="SendPartialAsync"/> edits the placeholder with the text so far; edits of
/// the placeholder (partial and final) are kept at least <see cref="EditInterval"/> apart.
/// </summary>
public sealed class DiscordReplyChannel(DiscordApi api, string token, bool deferredEphemeral, TimeProvider timeProvider) : IDiscordReply
{
    /// <summary>The shortest pause between two edits of the same message.</summary>
    public static readonly TimeSpan EditInterval = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _lastEdit;

    public Func<string, CancellationToken, Task>? Partial => SendPartialAsync;

    /// <summary>Shows the growing answer in the placeholder: embed description only, no sources or buttons.</summary>
    public async Task SendPartialAsync(string text, CancellationToken cancellationToken)
    {
        await WaitForEditTurnAsync(cancellationToken);
        await api.EditOriginalAsync(token, DiscordMessageRenderer.Partial(text), cancellationToken);
        _lastEdit = timeProvider.GetUtcNow();
    }

    public async Task<string?> SendAsync(ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var messages = DiscordMessageRenderer.Render(reply);
        await WaitForEditTurnAsync(cancellationToken);
        if (reply.Ephemeral && !deferredEphemeral)
        {
            await api.DeleteOriginalAsync(token, cancellationToken);
            foreach (var message in messages)
            {
                message["flags"] = DiscordMessageRenderer.EphemeralFlag;
                await api.FollowUpAsync(token, message, cancellationToken);
            }

            return null;
        }

        var id = await api.EditOriginalAsync(token, messages[0], cancellationToken);
        _lastEdit = timeProvider.GetUtcNow();
        foreach (var message in messages.Skip(1))
        {
            if (deferredEphemeral)
            {
                message["flags"] = DiscordMessageRenderer.EphemeralFlag;
            }

            await api.FollowUpAsync(token, message, cancellationToken);
        }

        return deferredEphemeral ? null : id;
    }

    private async Task WaitForEditTurnAsync(CancellationToken cancellationToken)
    {
        if (_lastEdit is { } last && last + EditInterval - timeProvider.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
