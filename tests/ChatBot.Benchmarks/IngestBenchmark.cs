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
/// encoding against end-to-end ingest of exactly the same texts (alternating in eight slices, so both see the same
/// machine load; every other slice is ingested without sentence vectors, <c>Ingestion:SentenceVectors</c>, the "before");
/// re-ingest of unchanged articles (no encode) and of articles with one sentence appended (only the
/// changed passages encoded).
/// </summary>
public sealed class IngestBenchmark(
    IEmbeddingGenerator<string, Embedding<float>> embeddings, IngestionPipeline pipeline, ISchemaMigrator migrator, Chunker chunker, IngestionOptions ingestion)
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

        progress($"raw encode vs ingest of {inputs} chunks ({drafts.Count} articles), alternating in 8 slices, every other one without sentence vectors");
        var shipped = ingestion.SentenceVectors;
        var (raw, ingest, encodes, chunks) = (new double[2], new double[2], new long[2], new int[2]);
        var slices = drafts.Chunk((drafts.Count + 7) / 8).ToList();
        for (var s = 0; s < slices.Count; s++)
        {
            var slice = slices[s];
            var on = s % 2 == 0 ? 1 : 0;
            var texts = slice.SelectMany(d => chunker.Chunk(d.Text).Select(c => c.WithTitle(d.Title).EmbeddingInput)).ToList();
            watch.Restart();
            await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
            raw[on] += watch.Elapsed.TotalSeconds;

            ingestion.SentenceVectors = on == 1;
            var before = Encoded;
            watch.Restart();
            var ingested = await pipeline.IngestDraftsAsync(slice, cancellationToken);
            ingest[on] += watch.Elapsed.TotalSeconds;
            encodes[on] += Encoded - before;
            chunks[on] += ingested.Sum(r => r.Article?.ChunkCount ?? 0);
        }

        ingestion.SentenceVectors = shipped;
        rows.Add(new($"raw MiniLM encode, {inputs} SciFact chunks (title + chunk, as ingest embeds them), batch 16", $"{F(chunks.Sum() / raw.Sum(), "F1")} chunks/s", string.Empty));
        foreach (var on in new[] { 0, 1 })
        {
            var rate = chunks[on] / ingest[on];
            var rawRate = chunks[on] / raw[on];
            rows.Add(new(
                on == 1
                    ? $"end-to-end ingest, sentence vectors stored (shipped; {chunks[on]} chunks, {encodes[on]} encodes: chunks + their sentences)"
                    : $"  before: end-to-end ingest without sentence vectors ({chunks[on]} chunks, {encodes[on]} encodes; chunk, hash, embed, store, index)",
                $"{F(rate, "F1")} chunks/s = {F(rate / rawRate, "F2")} of raw chunk encode",
                on == 1 ? "reported (sentences cost encodes)" : Goal(rate / rawRate >= 0.85, "≥ 0.85 of raw")));
        }

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
