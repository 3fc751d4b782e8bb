using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// A fetched URL: an article (HTML or plain text), a feed (RSS/Atom, detected by content type or root element),
/// or <see cref="NotModified"/> when the conditional GET got a 304.
/// </summary>
public sealed record WebFetchResult(Uri FinalUrl, ArticleDraft? Article, FeedFetchResult? Feed, bool NotModified, HttpValidators Validators);
