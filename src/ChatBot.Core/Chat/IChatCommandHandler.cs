namespace ChatBot.Core.Chat;

/// <summary>Runs one chat command. Platforms call it after they have acknowledged the request.</summary>
public interface IChatCommandHandler
{
    Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken);
}
