using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Logging;

/// <summary>Web, feed and evaluation log messages (event ids 3100-3199).</summary>
internal static partial class RetrievalLog
{
    [LoggerMessage(3100, LogLevel.Debug, "Redirect {From} -> {To}")]
    public static partial void Redirected(ILogger logger, string from, string to);

    [LoggerMessage(3101, LogLevel.Warning, "Refused to connect to {Host} ({Address}): not a public address")]
    public static partial void AddressRefused(ILogger logger, string host, string address);

    [LoggerMessage(3102, LogLevel.Information, "Fetched {Url}: HTTP {Status}, {Bytes} bytes, {MediaType}")]
    public static partial void Fetched(ILogger logger, string url, int status, int bytes, string mediaType);

    [LoggerMessage(3103, LogLevel.Debug, "Not modified: {Url}")]
    public static partial void NotModified(ILogger logger, string url);

    [LoggerMessage(3104, LogLevel.Information, "Feed {Url}: {Items} items")]
    public static partial void FeedFetched(ILogger logger, string url, int items);

    [LoggerMessage(3105, LogLevel.Debug, "Feed item {Key}: page fetch failed ({Error}); using the item's own content")]
    public static partial void FeedItemFallback(ILogger logger, string key, string error);

    [LoggerMessage(3106, LogLevel.Debug, "Feed item {Key} already indexed as {Source}")]
    public static partial void FeedItemKnown(ILogger logger, string key, string source);

    [LoggerMessage(3107, LogLevel.Warning, "Feed {Url} read with a warning: {Warning}")]
    public static partial void FeedWarning(ILogger logger, string url, string warning);

    [LoggerMessage(3108, LogLevel.Debug, "Feed item {Key}: its own content is the full article; the page is not fetched")]
    public static partial void FeedItemFullText(ILogger logger, string key);
}
