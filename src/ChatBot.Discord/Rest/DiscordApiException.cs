using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>A Discord REST call that failed for good (after any retries). <see cref="Code"/> is Discord's JSON error code when given.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordApiException(HttpStatusCode status, int? code, string route, string message)
        : base($"Discord {route} failed with {(int)status}{(code is null ? string.Empty : $" (code {code})")}: {message}")
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public int? Code { get; }

    public bool IsAuthFailure => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
