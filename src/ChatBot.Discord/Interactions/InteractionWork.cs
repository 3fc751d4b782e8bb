using ChatBot.Core.Chat;

namespace ChatBot.Discord.Interactions;

/// <summary>An acknowledged interaction waiting for a worker: the request and where its reply goes.</summary>
internal sealed record InteractionWork(ChatRequest Request, DiscordReplyChannel Reply);
