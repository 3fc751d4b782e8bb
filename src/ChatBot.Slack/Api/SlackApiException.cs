namespace ChatBot.Slack.Api;

/// <summary>A Slack Web API call answered {ok:false, error} (or failed after its retries).</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>The token is bad or the app is gone: retrying cannot help.</summary>
    public bool IsFatal => Error is "invalid_auth" or "not_authed" or "account_inactive" or "token_revoked"
        or "user_removed_from_team" or "team_disabled" or "not_allowed_token_type";
}
