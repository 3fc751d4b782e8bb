using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Benchmarks;

/// <summary>
/// Grows the index past the real chunks without encoding anything: every further chunk is a perturbed copy of a real,
/// MiniLM-embedded chunk, written straight through <see cref="IArticleStore.SaveAsync"/> (50 chunks per synthetic
/// article, full-text rows included) and <see cref="VectorIndex.Add"/>. Its text keeps the sentence boundaries with
/// about 15 % of the words replaced by words of the real corpus; its vector is the original plus Gaussian noise (σ 0.03
/// per dimension, cosine ≈ 0.86 to the original), re-normalised. So BM25 sees realistic postings and the vector scan
/// realistic neighbours. Its sentence vectors are the original's, as stored at ingest (the answer stage reads them).
/// </summary>
public sealed class SyntheticCorpus
{
    private const int ChunksPerArticle = 50;
    private const float NoisePerDimension = 0.03f;

    private readonly IArticleStore _store;
    private readonly VectorIndex _index;
    private readonly List<(Chunk Chunk, string Title, float[] Vector, byte[]? Sentences)> _basis;
    private readonly string[] _vocabulary;
    private readonly Random _random;
    private int _articles;

    private SyntheticCorpus(IArticleStore store, VectorIndex index, List<(Chunk, string, float[], byte[]?)> basis, Random random)
    {
        _store = store;
        _index = index;
        _basis = basis;
        _random = random;
        _vocabulary = basis.SelectMany(b => b.Item1.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 3 && w.All(char.IsLetter)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The copies' material: every real chunk of the local library with its text, sentences, title and vector.</summary>
    public static async Task<SyntheticCorpus> FromStoreAsync(IArticleStore store, VectorIndex index, Random random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var vectors = new Dictionary<long, float[]>();
        await foreach (var stored in store.ReadEmbeddingsAsync(cancellationToken))
        {
            vectors[stored.ChunkId] = stored.Vector;
        }

        var articles = (await store.ListAsync(LibraryNames.Local, cancellationToken)).ToDictionary(a => a.Id);
        var basis = new List<(Chunk, string, float[], byte[]?)>(vectors.Count);
        foreach (var part in vectors.Keys.Chunk(500))
        {
            foreach (var (chunk, sentences) in await store.GetChunksWithSentenceVectorsAsync(part, cancellationToken))
            {
                basis.Add((chunk, articles[chunk.ArticleId].Title, vectors[chunk.Id], sentences?.Encoded.ToArray()));
            }
        }

        return new SyntheticCorpus(store, index, basis, random);
    }

    /// <summary>Adds synthetic articles until the index holds <paramref name="size"/> chunks.</summary>
    public async Task GrowAsync(int size, Action<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        while (_index.Count < size)
        {
            var n = Math.Min(ChunksPerArticle, size - _index.Count);
            var drafts = new List<ChunkDraft>(n);
            var vectors = new List<float[]>(n);
            var text = new StringBuilder();
            var name = _articles.ToString(CultureInfo.InvariantCulture);
            var title = _basis[_random.Next(_basis.Count)].Title + " (variant " + name + ")";
            for (var i = 0; i < n; i++)
            {
                var (chunk, _, vector, sentenceVectors) = _basis[_random.Next(_basis.Count)];
                var (perturbed, sentences) = Perturb(chunk);
                drafts.Add(new ChunkDraft(i, perturbed, text.Length, sentences) { SentenceVectors = sentenceVectors });
                text.Append(perturbed).Append("\n\n");
                vectors.Add(Jitter(vector, _random));
            }

            var draft = new ArticleDraft("bench:synthetic:" + name, title, text.ToString());
            var saved = await _store.SaveAsync(draft, "synthetic-" + name, drafts, vectors, cancellationToken);
            for (var i = 0; i < saved.ChunkIds.Count; i++)
            {
                _index.Add(saved.ChunkIds[i], saved.Article.Id, LibraryNames.Local, vectors[i]);
            }

            if (++_articles % 2000 == 0)
            {
                progress(_index.Count);
            }
        }
    }

    /// <summary>The chunk's sentences with about 15 % of their words replaced by corpus words (spans kept valid).</summary>
    private (string Text, IReadOnlyList<TextSpan> Sentences) Perturb(Chunk chunk)
    {
        var builder = new StringBuilder(chunk.Text.Length + 16);
        var spans = new List<TextSpan>(chunk.Sentences.Count);
        var sentences = chunk.Sentences.Count > 0 ? chunk.Sentences : [new TextSpan(0, chunk.Text.Length)];
        foreach (var span in sentences)
        {
            var words = chunk.Text.Substring(span.Start, span.Length).Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                if (_random.NextDouble() < 0.15 && words[w].All(char.IsLetter))
                {
                    words[w] = _vocabulary[_random.Next(_vocabulary.Length)];
                }
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var sentence = string.Join(' ', words);
            spans.Add(new TextSpan(builder.Length, sentence.Length));
            builder.Append(sentence);
        }

        return (builder.ToString(), spans);
    }

    /// <summary>A perturbed copy of a unit vector: Gaussian noise of σ 0.03 per dimension, re-normalised (cosine ≈ 0.86 to it).</summary>
    public static float[] Jitter(float[] vector, Random random)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(random);
        var result = new float[vector.Length];
        for (var i = 0; i < result.Length; i++)
        {
            // Box–Muller: one standard normal per dimension.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            result[i] = vector[i] + (float)(NoisePerDimension * gaussian);
        }

        TensorPrimitives.Divide(result, TensorPrimitives.Norm(result), result);
        return result;
    }
}
