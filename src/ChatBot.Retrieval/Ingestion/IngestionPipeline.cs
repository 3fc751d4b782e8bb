using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Telemetry;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.HttpCache;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// Where ingestion starts: dispatches a file, a folder, a URL (a page or a whole feed) or a feed item to its reader,
/// then hands the extracted article to the <see cref="EmbeddingBatcher"/> (dedupe → chunk → embed → store through
/// the <see cref="ArticleWriter"/> → in-memory index). One bad source never stops the others. Every article goes into
/// the library the caller names (for drafts, <see cref="ArticleDraft.Library"/>); nothing is looked up in another.
/// </summary>
public sealed class IngestionPipeline : IDisposable
{
    /// <summary>The source of a feed item that has neither a readable page nor a link.</summary>
    public const string FeedItemSourcePrefix = FeedItemIngestion.SourcePrefix;

    /// <summary>New passages encoded per group before the group is stored (four model batches of 16).</summary>
    public const int EmbedGroupTexts = EmbeddingBatcher.EmbedGroupTexts;

    private readonly IArticleStore _store;
    private readonly FileArticleReader _files;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly IWebArticleFetcher? _web;
    private readonly IHttpValidatorStore? _validators;
    private readonly ArticleWriter _writer;
    private readonly EmbeddingBatcher _batcher;
    private readonly FeedItemIngestion _feedItems;
    private readonly long _maxBytes;

    public IngestionPipeline(
        IArticleStore store,
        VectorIndex index,
        Chunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        FileArticleReader files,
        ILogger<IngestionPipeline> logger,
        IWebArticleFetcher? web = null,
        IHttpValidatorStore? validators = null,
        IOptions<IngestionOptions>? options = null)
    {
        _store = store;
        _files = files;
        _logger = logger;
        _web = web;
        _validators = validators;
        _writer = new ArticleWriter(store, index, logger);
        _batcher = new EmbeddingBatcher(store, chunker, embeddings, _writer, logger, options?.Value);
        _feedItems = new FeedItemIngestion(store, _batcher, logger, web, validators);
        _maxBytes = options?.Value.MaxBytes ?? new IngestionOptions().MaxBytes;
    }

    /// <summary>Raised after each source of a multi-source ingest: (done, total, result).</summary>
    public event Action<int, int, IngestResult>? Progress;

    /// <summary>Ingests a file, a folder (recursively, supported types only) or an http(s) URL.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(string library, string pathOrUrl, CancellationToken cancellationToken)
    {
        var web = Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        using var span = ChatTelemetry.StartIngest(web ? "web" : "file");
        var results = web ? await IngestWebAsync(library, uri!, cancellationToken) : await IngestPathAsync(library, pathOrUrl, uri, cancellationToken);
        ChatTelemetry.RecordIngests(web ? "web" : "file", results);
        return results;
    }

    private async Task<IReadOnlyList<IngestResult>> IngestPathAsync(string library, string pathOrUrl, Uri? uri, CancellationToken cancellationToken)
    {

        if (pathOrUrl.Contains("://", StringComparison.Ordinal))
        {
            var scheme = pathOrUrl[..pathOrUrl.IndexOf("://", StringComparison.Ordinal)];
            var hint = uri is { IsFile: true } ? $" Give the path instead: {uri.LocalPath}" : string.Empty;
            return [new IngestResult(pathOrUrl, IngestOutcome.Failed, null, $"{scheme}:// URLs are not accepted, only http(s) URLs and file or folder paths.{hint}")];
        }

        if (Directory.Exists(pathOrUrl))
        {
            return await IngestFolderAsync(library, pathOrUrl, source => Path.GetFullPath(source), cancellationToken);
        }

        if (!File.Exists(pathOrUrl))
        {
            return [new IngestResult(pathOrUrl, IngestOutcome.Failed, null, $"No such file or folder: {pathOrUrl}")];
        }

        return FeedFile.IsFeedFile(pathOrUrl)
            ? await IngestFeedFileAsync(library, pathOrUrl, cancellationToken)
            : [await IngestFileAsync(library, pathOrUrl, Path.GetFullPath(pathOrUrl), cancellationToken)];
    }

    /// <summary>A saved feed: every item, as <see cref="IngestWebAsync"/> ingests the same feed over http.</summary>
    private async Task<IReadOnlyList<IngestResult>> IngestFeedFileAsync(string library, string path, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(path);
        try
        {
            return await IngestItemsAsync(library, (await FeedFile.ReadAsync(path, _maxBytes, cancellationToken)).Items, source, cancellationToken);
        }
        catch (Exception ex) when (IngestFailure.IsSourceFailure(ex))
        {
            RetrievalLog.IngestFailed(_logger, source, ex.Message);
            return [new IngestResult(source, IngestOutcome.Failed, null, ex.Message)];
        }
    }

    private async Task<IReadOnlyList<IngestResult>> IngestItemsAsync(string library, IReadOnlyList<FeedItem> items, string source, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>(items.Count);
        foreach (var item in items)
        {
            var result = await _feedItems.IngestAsync(library, item, null, cancellationToken);
            results.Add(result);
            Progress?.Invoke(results.Count, items.Count, result);
        }

        return results.Count == 0 ? [new IngestResult(source, IngestOutcome.Failed, null, $"The feed {source} has no items.")] : results;
    }

    /// <summary>Ingests every supported file of a folder, each under the source name <paramref name="sourceOf"/> gives it.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestFolderAsync(string library, string folder, Func<string, string> sourceOf, CancellationToken cancellationToken)
    {
        // Hidden files and folders (.git, .DS_Store) are passed over in silence; other unsupported files are reported as skipped.
        var paths = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
            .Order(StringComparer.Ordinal)
            .ToList();
        var results = new List<IngestResult>(paths.Count);
        foreach (var path in paths)
        {
            var result = FileArticleReader.IsSupported(path)
                ? await IngestFileAsync(library, path, sourceOf(path), cancellationToken)
                : new IngestResult(sourceOf(path), IngestOutcome.Skipped, null, $"unsupported file type '{Path.GetExtension(path)}'");
            results.Add(result);
            Progress?.Invoke(results.Count, paths.Count, result);
        }

        return results;
    }

    public async Task<IngestResult> IngestFileAsync(string library, string path, string source, CancellationToken cancellationToken)
    {
        try
        {
            var draft = await _files.ReadAsync(path, source, cancellationToken);
            return await _batcher.IngestDraftAsync(draft with { Library = library }, cancellationToken);
        }
        catch (Exception ex) when (IngestFailure.IsSourceFailure(ex))
        {
            RetrievalLog.IngestFailed(_logger, source, ex.Message);
            return new IngestResult(source, IngestOutcome.Failed, null, ex.Message);
        }
    }

    /// <summary>Ingests the web page at <paramref name="url"/> (a feed URL is refused: see <see cref="IngestWebAsync"/>).</summary>
    public async Task<IngestResult> IngestUrlAsync(string library, Uri url, CancellationToken cancellationToken)
    {
        var results = await IngestWebCoreAsync(library, url, allowFeed: false, cancellationToken);
        return results[0];
    }

    /// <summary>Ingests a web page, or every item of an RSS/Atom feed (detected by content type or root element).</summary>
    public Task<IReadOnlyList<IngestResult>> IngestWebAsync(string library, Uri url, CancellationToken cancellationToken) =>
        IngestWebCoreAsync(library, url, allowFeed: true, cancellationToken);

    /// <summary>
    /// Ingests one feed entry: its linked page when it can be fetched and read, else the entry's own content.
    /// An entry already indexed (by link, or by guid for link-less entries) is not fetched again; a page whose
    /// canonical URL is already indexed with the same text is left unchanged.
    /// </summary>
    public async Task<IngestResult> IngestFeedItemAsync(string library, FeedItem item, long? feedId, CancellationToken cancellationToken)
    {
        using var span = ChatTelemetry.StartIngest("feed");
        var result = await _feedItems.IngestAsync(library, item, feedId, cancellationToken);
        ChatTelemetry.RecordIngests("feed", [result]);
        return result;
    }

    /// <inheritdoc cref="EmbeddingBatcher.IngestDraftAsync"/>
    public Task<IngestResult> IngestDraftAsync(ArticleDraft draft, CancellationToken cancellationToken) =>
        _batcher.IngestDraftAsync(draft, cancellationToken);

    /// <inheritdoc cref="EmbeddingBatcher.IngestDraftsAsync"/>
    public Task<IReadOnlyList<IngestResult>> IngestDraftsAsync(IReadOnlyList<ArticleDraft> drafts, CancellationToken cancellationToken) =>
        _batcher.IngestDraftsAsync(drafts, cancellationToken);

    /// <inheritdoc cref="ArticleWriter.DeleteAsync"/>
    public Task<bool> DeleteAsync(string library, long articleId, CancellationToken cancellationToken) => _writer.DeleteAsync(library, articleId, cancellationToken);

    /// <inheritdoc cref="ArticleWriter.LoadIndexAsync"/>
    public Task LoadIndexAsync(CancellationToken cancellationToken) => _writer.LoadIndexAsync(cancellationToken);

    public void Dispose() => _writer.Dispose();

    private async Task<IReadOnlyList<IngestResult>> IngestWebCoreAsync(string library, Uri url, bool allowFeed, CancellationToken cancellationToken)
    {
        var source = url.AbsoluteUri;
        if (_web is null)
        {
            return [new IngestResult(source, IngestOutcome.Failed, null, "Web pages cannot be fetched: no web fetcher is configured.")];
        }

        try
        {
            var previous = _validators is null ? null : await _validators.GetAsync(url.AbsoluteUri, cancellationToken);
            // The validators are kept per URL, whichever library fetched it: a library without the article fetches it in full.
            var known = previous is null ? null : await _store.GetBySourceAsync(library, previous.Value.Source, cancellationToken);
            var fetched = await _web.FetchAsync(url, known is null ? null : previous!.Value.Validators, cancellationToken);
            if (fetched.NotModified && known is not null)
            {
                RetrievalLog.Unchanged(_logger, known.Source);
                return [new IngestResult(known.Source, IngestOutcome.Unchanged, known)];
            }

            if (fetched.Feed is { } feed)
            {
                if (!allowFeed)
                {
                    throw new IngestionException($"{url} is a feed, not an article.");
                }

                return await IngestItemsAsync(library, feed.Items, url.ToString(), cancellationToken);
            }

            var draft = fetched.Article ?? throw new IngestionException($"{url} answered without an article.");
            var ingested = await _batcher.IngestDraftAsync(draft with { Library = library }, cancellationToken);
            if (_validators is not null && !fetched.Validators.IsEmpty)
            {
                await _validators.SetAsync(url.AbsoluteUri, fetched.Validators, ingested.Source, cancellationToken);
            }

            return [ingested];
        }
        catch (Exception ex) when (IngestFailure.IsSourceFailure(ex))
        {
            RetrievalLog.IngestFailed(_logger, source, ex.Message);
            return [new IngestResult(source, IngestOutcome.Failed, null, ex.Message)];
        }
    }
}
