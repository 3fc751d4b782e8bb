using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Evaluation;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.AI;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// The first rows: cold start of the empty host to ready (seeds ingested, so the model load falls inside); raw MiniLM
/// encoding against end-to-end ingest of exactly the same texts (alternating in four slices, so both see the same
/// machine load); re-ingest of unchanged articles (no encode) and of articles with one sentence appended (only the
/// changed passages encoded).
/// </summary>
public sealed class IngestBenchmark(IEmbeddingGenerator<string, Embedding<float>> embeddings, IngestionPipeline pipeline, ISchemaMigrator migrator, Chunker chunker)
{
    private long Encoded => embeddings.GetService<MiniLmEmbeddingGenerator>()?.TextsEncoded ?? -1;

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var rows = new List<BenchmarkRow>();

        // Cold start: the host has migrated and loaded the (empty) index; the model is not loaded yet.
        var watch = Stopwatch.StartNew();
        await migrator.MigrateAsync(cancellationToken);
        await pipeline.LoadIndexAsync(cancellationToken);
        var seeded = settings.SeedsDirectory is { } seeds && Directory.Exists(seeds)
            ? await pipeline.IngestFolderAsync(LibraryNames.Local, seeds, p => IndexStartupService.SeedSourcePrefix + Path.GetRelativePath(seeds, p).Replace('\\', '/'), cancellationToken)
            : [];
        var startupMs = watch.Elapsed.TotalMilliseconds;
        using (var self = Process.GetCurrentProcess())
        {
            var sinceProcessStart = (DateTime.Now - self.StartTime).TotalMilliseconds;
            rows.Add(new($"cold start, empty store: process start → ready ({seeded.Count} seed file(s), model load included)", Ms(sinceProcessStart), "none set (reported)"));
            rows.Add(new("  of which migrate + load index + model load + seed ingest", Ms(startupMs), string.Empty));
        }

        progress($"reading corpora (working set {WorkingSetMb():F0} MB)");
        var scifact = await EvalFiles.ReadJsonLinesAsync<EvalDocument>(Path.Combine(settings.SciFactDirectory, "corpus.jsonl"), cancellationToken);
        var drafts = new List<ArticleDraft>();
        var inputs = 0;
        foreach (var doc in scifact.TakeWhile(_ => inputs < settings.IngestChunks))
        {
            var draft = Draft("bench:scifact:" + doc.Id, doc);
            drafts.Add(draft);
            inputs += chunker.Chunk(draft.Text).Count;
        }

        progress($"raw encode vs ingest of {inputs} chunks ({drafts.Count} articles), alternating in 4 slices");
        double rawSeconds = 0, ingestSeconds = 0;
        var ingestedChunks = 0;
        var ingestEncoded = 0L;
        foreach (var slice in drafts.Chunk((drafts.Count + 3) / 4))
        {
            var texts = slice.SelectMany(d => chunker.Chunk(d.Text).Select(c => c.WithTitle(d.Title).EmbeddingInput)).ToList();
            watch.Restart();
            await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
            rawSeconds += watch.Elapsed.TotalSeconds;

            var before = Encoded;
            watch.Restart();
            var ingested = await pipeline.IngestDraftsAsync(slice, cancellationToken);
            ingestSeconds += watch.Elapsed.TotalSeconds;
            ingestEncoded += Encoded - before;
            ingestedChunks += ingested.Sum(r => r.Article?.ChunkCount ?? 0);
        }

        var raw = inputs / rawSeconds;
        var ingestRate = ingestedChunks / ingestSeconds;
        rows.Add(new($"raw MiniLM encode, {inputs} SciFact chunks (title + chunk, as ingest embeds them), batch 16", $"{F(raw, "F1")} chunks/s", string.Empty));
        rows.Add(new(
            $"end-to-end ingest of the same {drafts.Count} articles ({ingestEncoded} encodes; chunk, hash, embed, store, index)",
            $"{F(ingestRate, "F1")} chunks/s = {F(ingestRate / raw, "F2")} of raw",
            Goal(ingestRate / raw >= 0.85, "≥ 0.85 of raw")));

        var encodedBefore = Encoded;
        watch.Restart();
        var again = await pipeline.IngestDraftsAsync(drafts, cancellationToken);
        var reMs = watch.Elapsed.TotalMilliseconds;
        var reEncoded = Encoded - encodedBefore;
        rows.Add(new(
            $"re-ingest {again.Count} unchanged articles ({again.Count(r => r.Outcome == IngestOutcome.Unchanged)} unchanged)",
            $"{reEncoded} encodes, {F(reMs / again.Count, "F2")} ms/article",
            Goal(reEncoded == 0, "0 encodes")));

        var edited = drafts.Take(8).Select(d => d with { Text = d.Text + "\n\nThis closing sentence was added by the benchmark." }).ToList();
        encodedBefore = Encoded;
        await pipeline.IngestDraftsAsync(edited, cancellationToken);
        rows.Add(new(
            $"re-ingest 8 articles with one sentence appended ({edited.Sum(d => chunker.Chunk(d.Text).Count)} chunks)",
            $"{Encoded - encodedBefore} encodes (only passages whose text changed)",
            string.Empty));
        return rows;
    }

    public static ArticleDraft Draft(string source, EvalDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return new(source, string.IsNullOrWhiteSpace(doc.Title) ? doc.Id : doc.Title.Trim(), TextCleaner.Clean(doc.Text));
    }
}
