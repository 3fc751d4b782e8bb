using ChatBot.Core.Chat;

namespace ChatBot.Discord.Interactions;

/// <summary>An acknowledged request waiting for a worker: the request and where its reply goes.</summary>
/// <param name="ConversationKey">
/// The id a reply to the answer finds the conversation by: the interaction's id (Discord names it in the answer's
/// interaction_metadata) or the asker's message id (the answer replies to it).
/// </param>
/// <param name="ReceivedAt">When the platform event was taken in: the request's span starts there.</param>
public sealed record InteractionWork(ChatRequest Request, IDiscordReply Reply, string ConversationKey, DateTimeOffset ReceivedAt);
