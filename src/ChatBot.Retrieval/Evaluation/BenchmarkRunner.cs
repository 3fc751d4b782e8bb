using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using Microsoft.Extensions.AI;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Speed and memory on this machine: model cold start, raw encode rate against end-to-end ingest, re-ingest of
/// unchanged articles (no encoding), and answer latency once the index holds <c>targetChunks</c> passages (filled
/// with synthetic passages and random unit vectors, so filling it needs no model time), against one query embedding.
/// </summary>
public sealed class BenchmarkRunner(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IngestionPipeline pipeline,
    RetrievalService retrieval,
    IArticleStore store,
    VectorIndex index)
{
    private static readonly string[] Vocabulary =
    [
        "river", "energy", "market", "protein", "court", "election", "satellite", "vaccine", "harbour", "glacier", "museum", "reactor",
        "algorithm", "painting", "treaty", "bacteria", "tunnel", "orchestra", "volcano", "currency", "language", "telescope", "forest", "engine",
        "university", "mineral", "festival", "parliament", "battery", "climate", "library", "railway", "cathedral", "insurance", "desert", "cell",
    ];

    public async Task<IReadOnlyList<(string Measure, string Value)>> RunAsync(int targetChunks, int questions, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string)>();
        var random = new Random(42);
        static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        var watch = Stopwatch.StartNew();
        await embeddings.GenerateAsync(["warm up"], cancellationToken: cancellationToken);
        rows.Add(("cold start (model load + first encode)", F(watch.Elapsed.TotalMilliseconds, "F0") + " ms"));

        var passages = Enumerable.Range(0, 32).Select(_ => Paragraph(random, 120)).ToList();
        watch.Restart();
        await embeddings.GenerateAsync(passages, cancellationToken: cancellationToken);
        rows.Add(("raw MiniLM encode (120-word passages)", F(passages.Count / watch.Elapsed.TotalSeconds, "F1") + " passages/s"));

        var articles = Enumerable.Range(0, 8)
            .Select(i => new ArticleDraft($"bench:article-{i}", $"Bench article {i}", string.Join("\n\n", Enumerable.Range(0, 4).Select(_ => Paragraph(random, 110)))))
            .ToList();
        watch.Restart();
        var added = new List<IngestResult>();
        foreach (var article in articles)
        {
            added.Add(await pipeline.IngestDraftAsync(article, cancellationToken));
        }

        var chunkCount = added.Sum(r => r.Article?.ChunkCount ?? 0);
        rows.Add(("end-to-end ingest (chunk, embed, store, index)", F(chunkCount / watch.Elapsed.TotalSeconds, "F1") + " chunks/s"));

        watch.Restart();
        foreach (var article in articles)
        {
            await pipeline.IngestDraftAsync(article, cancellationToken);
        }

        rows.Add(("re-ingest unchanged (no encoding)", F(watch.Elapsed.TotalMilliseconds / articles.Count, "F2") + " ms/article"));

        watch.Restart();
        var filler = 0;
        while (index.Count < targetChunks)
        {
            var chunks = Enumerable.Range(0, 20).Select(i =>
            {
                var text = Sentence(random, 40);
                return new ChunkDraft(i, text, i * 1000, [new TextSpan(0, text.Length)]);
            }).ToList();
            var vectors = chunks.Select(_ => RandomUnit(random, index.Dimensions)).ToList();
            var saved = await store.SaveAsync(new ArticleDraft($"bench:filler-{filler++}", $"Filler {filler}", string.Join(' ', chunks.Select(c => c.Text))), "filler-" + filler, chunks, vectors, cancellationToken);
            for (var i = 0; i < saved.ChunkIds.Count; i++)
            {
                index.Add(saved.ChunkIds[i], saved.Article.Id, vectors[i]);
            }
        }

        rows.Add(("index filled with synthetic passages", F(index.Count, "N0") + $" chunks in {F(watch.Elapsed.TotalSeconds, "F1")} s"));

        var askTimes = new List<double>();
        var embedTimes = new List<double>();
        for (var q = 0; q < questions; q++)
        {
            var question = $"What does the {Vocabulary[random.Next(Vocabulary.Length)]} say about the {Vocabulary[random.Next(Vocabulary.Length)]}?";
            watch.Restart();
            await embeddings.GenerateAsync([question], cancellationToken: cancellationToken);
            embedTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await retrieval.AskAsync(question, null, cancellationToken);
            askTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        rows.Add(($"ask latency at {F(index.Count, "N0")} chunks, p50 / p99", $"{F(Percentile(askTimes, 0.50), "F1")} / {F(Percentile(askTimes, 0.99), "F1")} ms"));
        rows.Add(("one query embedding, p50 / p99", $"{F(Percentile(embedTimes, 0.50), "F1")} / {F(Percentile(embedTimes, 0.99), "F1")} ms"));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        rows.Add(("resident memory (working set)", F(process.WorkingSet64 / 1048576.0, "F0") + " MB"));
        rows.Add(("vector index memory", F(index.MemoryBytes / 1048576.0, "F1") + " MB"));
        return rows;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])) + ".";

    private static string Paragraph(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words / 12).Select(_ => "The " + Sentence(random, 11)));

    private static float[] RandomUnit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        var norm = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
