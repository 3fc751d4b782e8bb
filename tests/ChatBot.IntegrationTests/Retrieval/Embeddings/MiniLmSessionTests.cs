using System.Numerics.Tensors;
using ChatBot.Retrieval.Embeddings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Embeddings;

/// <summary>
/// The real MiniLM model's two sessions: questions and answer sentences run on the interactive one, ingest batches on
/// the bulk one, which is dropped (with its memory arena) after its idle time without touching the interactive one.
/// </summary>
public sealed class MiniLmSessionTests : IDisposable
{
    private const string Question = "Who is Meta's chief AI scientist?";
    private readonly FakeTimeProvider _time = new();
    private readonly MiniLmEmbeddingGenerator _embedder;

    public MiniLmSessionTests() =>
        _embedder = new MiniLmEmbeddingGenerator(Options.Create(new EmbeddingOptions { ReleaseBulkAfterSeconds = 30 }), _time);

    public void Dispose() => _embedder.Dispose();

    /// <summary>Sixteen chunk-sized passages: an ingest batch.</summary>
    private static List<string> Chunks() =>
        Enumerable.Range(0, 16).Select(i => $"Passage {i}. " + string.Concat(Enumerable.Repeat("The festival raised money for a new footbridge over the river. ", 12))).ToList();

    [Fact]
    public void IsInteractive_QuestionsAndSentences_AreInteractive_IngestBatchesAreNot()
    {
        Assert.True(_embedder.IsInteractive([Question]));
        Assert.True(_embedder.IsInteractive(Enumerable.Repeat(new string('a', 300), 10).ToList()));
        Assert.False(_embedder.IsInteractive(Chunks()));
        Assert.False(_embedder.IsInteractive([new string('a', 5000)]));
    }

    [Fact]
    public async Task InteractiveSpinningOnOrOff_EncodesTheSameVectors()
    {
        Assert.False(new EmbeddingOptions().InteractiveSpinning);
        using var spinning = new MiniLmEmbeddingGenerator(Options.Create(new EmbeddingOptions { InteractiveSpinning = true }), _time);

        var expected = (await _embedder.GenerateAsync([Question]))[0].Vector.ToArray();
        var actual = (await spinning.GenerateAsync([Question]))[0].Vector.ToArray();

        Assert.True(spinning.IsLoaded);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Question_RunsOnTheInteractiveSession_WithoutLoadingTheBulkOne()
    {
        await _embedder.GenerateAsync([Question]);

        Assert.True(_embedder.IsLoaded);
        Assert.False(_embedder.IsBulkLoaded);
    }

    [Fact]
    public async Task BulkSession_IsDroppedAfterItsIdleTime_AndTheNextBatchLoadsItAgain()
    {
        var question = (await _embedder.GenerateAsync([Question]))[0].Vector.ToArray();
        var first = await _embedder.GenerateAsync(Chunks());
        Assert.True(_embedder.IsBulkLoaded);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(_embedder.IsBulkLoaded);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(_embedder.IsBulkLoaded);
        Assert.Equal(1, _embedder.BulkReleases);

        // The interactive session stayed: the question still encodes to the same vector, and so does the batch after a reload.
        Assert.True(_embedder.IsLoaded);
        Assert.Equal(question, (await _embedder.GenerateAsync([Question]))[0].Vector.ToArray());
        var again = await _embedder.GenerateAsync(Chunks());
        Assert.True(_embedder.IsBulkLoaded);
        Assert.Equal(first[5].Vector.ToArray(), again[5].Vector.ToArray());
    }

    [Fact]
    public async Task BulkSession_EachBatchRestartsTheIdleTime()
    {
        await _embedder.GenerateAsync(Chunks());
        _time.Advance(TimeSpan.FromSeconds(20));
        await _embedder.GenerateAsync(Chunks());
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(_embedder.IsBulkLoaded);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(_embedder.IsBulkLoaded);
    }

    [Fact]
    public async Task Text_EncodesToTheSameVector_OnEitherSession()
    {
        var chunks = Chunks();
        var alone = (await _embedder.GenerateAsync([chunks[3][..400]]))[0].Vector.ToArray();
        var inBatch = (await _embedder.GenerateAsync([chunks[3][..400], .. chunks]))[0].Vector.ToArray();

        Assert.True(_embedder.IsBulkLoaded);
        Assert.True(TensorPrimitives.CosineSimilarity(alone, inBatch) > 0.9999f);
    }

    [Fact]
    public async Task ReleaseSession_DropsBoth_AndEncodingStillWorks()
    {
        await _embedder.GenerateAsync([Question]);
        await _embedder.GenerateAsync(Chunks());

        _embedder.ReleaseSession();

        Assert.False(_embedder.IsLoaded);
        Assert.Single(await _embedder.GenerateAsync([Question]));
    }

    [Fact]
    public async Task NoIdleRelease_WhenSetToZero()
    {
        using var keeping = new MiniLmEmbeddingGenerator(Options.Create(new EmbeddingOptions { ReleaseBulkAfterSeconds = 0 }), _time);
        await keeping.GenerateAsync(Chunks());
        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(keeping.IsBulkLoaded);
    }
}
