using System.Collections.Concurrent;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// Extracted articles to stored ones: dedupe (content hash) → chunk → embed only passages never seen before, in
/// batches of whole articles, while the previous batch is written through the <see cref="ArticleWriter"/>. With
/// <see cref="IngestionOptions.SentenceVectors"/> (read at each call), each new passage's sentences are encoded too and
/// stored beside it (<see cref="Embeddings.SentenceVectors"/>); a known passage brings its stored ones (encoded now if it has none yet).
/// </summary>
public sealed class EmbeddingBatcher(
    IArticleStore store,
    Chunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ArticleWriter writer,
    ILogger logger,
    IngestionOptions? options = null)
{
    private readonly SentenceVectorEncoder _sentenceEncoder = new(embeddings);

    /// <summary>New passages encoded per group before the group is stored (four model batches of 16).</summary>
    public const int EmbedGroupTexts = 64;

    /// <summary>Stores an extracted article in its draft's library: skipped when its content is unchanged there, its chunks replaced when changed.</summary>
    /// <exception cref="IngestionException">The article holds no text.</exception>
    public async Task<IngestResult> IngestDraftAsync(ArticleDraft draft, CancellationToken cancellationToken)
    {
        var result = (await IngestDraftsAsync([draft], cancellationToken))[0];
        return result.Outcome == IngestOutcome.Failed ? throw new IngestionException(result.Error ?? $"{draft.Source} holds no text.") : result;
    }

    /// <summary>
    /// Stores several extracted articles, embedding all their new passages in one batched call (bulk loads).
    /// Each article is still its own transaction; an article without text fails alone.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestDraftsAsync(IReadOnlyList<ArticleDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var results = new IngestResult?[drafts.Count];
        var pending = new List<PendingArticle>(drafts.Count);
        var toEmbed = new List<(string Text, string Hash)>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < drafts.Count; d++)
        {
            var draft = drafts[d];
            var hash = ContentHash.Of(draft.Text);
            var existing = await store.GetBySourceAsync(draft.Library, draft.Source, cancellationToken);
            if (existing is not null && existing.ContentHash == hash && existing.Title == draft.Title)
            {
                RetrievalLog.Unchanged(logger, draft.Source);
                results[d] = new IngestResult(draft.Source, IngestOutcome.Unchanged, existing);
                continue;
            }

            var chunks = chunker.Chunk(draft.Text).Select(c => c.WithTitle(draft.Title)).ToList();
            if (chunks.Count == 0)
            {
                results[d] = new IngestResult(draft.Source, IngestOutcome.Failed, null, $"{draft.Source} holds no text.");
                RetrievalLog.IngestFailed(logger, draft.Source, results[d]!.Error!);
                continue;
            }

            // Known vectors come from any library: the same text is never encoded twice.
            var textHashes = chunks.Select(c => ContentHash.Of(c.EmbeddingInput)).ToList();
            var known = await store.FindVectorsByTextHashAsync(textHashes, cancellationToken);
            var embedded = 0;
            var firstQueued = new List<int>();
            for (var i = 0; i < chunks.Count; i++)
            {
                if (!known.ContainsKey(textHashes[i]))
                {
                    embedded++;
                    if (queued.Add(textHashes[i]))
                    {
                        firstQueued.Add(toEmbed.Count);
                        toEmbed.Add((chunks[i].EmbeddingInput, textHashes[i]));
                    }
                }
            }

            pending.Add(new PendingArticle(d, draft, hash, existing, chunks, textHashes, known, embedded, firstQueued));
        }

        // Embed in groups of whole articles and store group k while group k + 1 is being encoded: the model
        // keeps the cores busy and the writes hide behind it. Vectors of a text queued by an earlier article are
        // shared (one encode per distinct text). A failure stops at its group: earlier groups are committed,
        // each article still in its own transaction.
        var fresh = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        var freshSentences = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        Task? saving = null;
        try
        {
            foreach (var group in Groups(pending, EmbedGroupTexts))
            {
                var texts = new List<string>();
                var hashes = new List<string>();
                foreach (var queuedAt in group.SelectMany(a => a.FirstQueued))
                {
                    texts.Add(toEmbed[queuedAt].Text);
                    hashes.Add(toEmbed[queuedAt].Hash);
                }

                if (texts.Count > 0)
                {
                    var generated = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
                    for (var i = 0; i < texts.Count; i++)
                    {
                        fresh[hashes[i]] = generated[i].Vector.ToArray();
                    }
                }

                await EncodeSentencesAsync(group, freshSentences, cancellationToken);
                if (saving is not null)
                {
                    await saving;
                }

                // SQLite completes "async" calls synchronously: write on the pool so the next encode overlaps it.
                saving = Task.Run(() => SaveGroupAsync(group, fresh, freshSentences, results, cancellationToken), cancellationToken);
            }

            if (saving is not null)
            {
                await saving;
            }
        }
        catch when (saving is not null)
        {
            // An encode (or the cancellation) failed while a group was still being written: let that write finish,
            // so the caller's error comes after the store and the index agree, and its own outcome is observed.
            await ObserveAsync(saving);
            throw;
        }

        return results.Select(r => r!).ToList();
    }

    private static IEnumerable<List<PendingArticle>> Groups(List<PendingArticle> pending, int texts)
    {
        var group = new List<PendingArticle>();
        var count = 0;
        foreach (var article in pending)
        {
            group.Add(article);
            count += article.FirstQueued.Count;
            if (count >= texts)
            {
                yield return group;
                group = [];
                count = 0;
            }
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>The sentence vectors of the group's passages that have none stored, each distinct text once.</summary>
    private async Task EncodeSentencesAsync(List<PendingArticle> group, ConcurrentDictionary<string, byte[]> freshSentences, CancellationToken cancellationToken)
    {
        if (options is { SentenceVectors: false })
        {
            return;
        }

        var hashes = new List<string>();
        var chunks = new List<ChunkDraft>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in group)
        {
            for (var i = 0; i < article.Chunks.Count; i++)
            {
                var hash = article.TextHashes[i];
                var stored = article.Known.TryGetValue(hash, out var known) && known.SentenceVectors is not null;
                if (!stored && !freshSentences.ContainsKey(hash) && queued.Add(hash))
                {
                    hashes.Add(hash);
                    chunks.Add(article.Chunks[i]);
                }
            }
        }

        var encoded = await _sentenceEncoder.EncodeAsync(chunks, cancellationToken);
        for (var i = 0; i < hashes.Count; i++)
        {
            freshSentences[hashes[i]] = encoded[i];
        }
    }

    private async Task SaveGroupAsync(
        List<PendingArticle> group, ConcurrentDictionary<string, float[]> fresh, ConcurrentDictionary<string, byte[]> freshSentences, IngestResult?[] results, CancellationToken cancellationToken)
    {
        foreach (var article in group)
        {
            var vectors = article.TextHashes.Select(h => article.Known.TryGetValue(h, out var v) ? v.Vector : fresh[h]).ToList();
            var chunks = article.Chunks.Select((c, i) => c with
            {
                SentenceVectors = article.Known.GetValueOrDefault(article.TextHashes[i])?.SentenceVectors ?? freshSentences.GetValueOrDefault(article.TextHashes[i]),
            }).ToList();
            var saved = await writer.SaveAsync(article.Draft, article.ContentHash, chunks, vectors, cancellationToken);

            var outcome = article.Existing is null ? IngestOutcome.Added : IngestOutcome.Updated;
            RetrievalLog.Ingested(logger, article.Draft.Source, outcome.ToString(), article.Chunks.Count, article.Embedded, article.Chunks.Count - article.Embedded);
            results[article.Index] = new IngestResult(article.Draft.Source, outcome, saved.Article);
        }
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The first failure is the one reported; this one is logged by nobody but no longer unobserved.
        }
    }

    private sealed record PendingArticle(
        int Index,
        ArticleDraft Draft,
        string ContentHash,
        Article? Existing,
        IReadOnlyList<ChunkDraft> Chunks,
        IReadOnlyList<string> TextHashes,
        IReadOnlyDictionary<string, KnownVectors> Known,
        int Embedded,
        List<int> FirstQueued);
}
