using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval.Ingestion.Chunking;

public sealed class ChunkerTests
{
    private static Chunker Create(int target = 20, int max = 30, int overlap = 1) =>
        new(Options.Create(new ChunkingOptions { TargetWords = target, MaxWords = max, OverlapSentences = overlap }));

    private static string Sentences(int count) =>
        string.Join(' ', Enumerable.Range(1, count).Select(i => $"Sentence number {i} has exactly seven words."));

    [Fact]
    public void Chunk_SentenceOffsets_PointIntoTheOriginalText()
    {
        var text = Sentences(12);

        var chunks = Create().Chunk(text);

        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks)
        {
            Assert.Equal(chunk.Text, text.Substring(chunk.Start, chunk.Text.Length));
            foreach (var span in chunk.Sentences)
            {
                var sentence = chunk.Text.Substring(span.Start, span.Length);
                Assert.StartsWith("Sentence number", sentence);
                Assert.EndsWith("words.", sentence);
            }
        }
    }

    [Fact]
    public void Chunk_ConsecutiveChunks_OverlapByOneSentence()
    {
        var chunks = Create().Chunk(Sentences(12));

        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = chunks[i - 1].Sentences[^1];
            var lastText = chunks[i - 1].Text.Substring(previousLast.Start, previousLast.Length);
            var firstSpan = chunks[i].Sentences[0];
            Assert.Equal(lastText, chunks[i].Text.Substring(firstSpan.Start, firstSpan.Length));
        }
    }

    [Fact]
    public void Chunk_EveryChunk_StaysWithinMaxWords()
    {
        var chunks = Create(target: 20, max: 30).Chunk(Sentences(40));

        Assert.All(chunks, c => Assert.InRange(c.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 30));
        Assert.Contains("number 40 ", chunks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_RunOnSentenceLongerThanMax_IsCutAtWordBoundaries()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => "word" + i));

        var chunks = Create(target: 20, max: 30, overlap: 0).Chunk(text);

        Assert.Equal(5, chunks.Count);
        Assert.Equal(text, string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Chunk_EmptyText_GivesNoChunks()
    {
        Assert.Empty(Create().Chunk("   \n  "));
    }

    private static readonly Chunker Chunker = new(Options.Create(new ChunkingOptions { TargetWords = 20, MaxWords = 30, OverlapSentences = 1 }));

    private static string Article() => string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Sentence number {i} talks about topic {i} in several plain words."));

    [Fact]
    public void Chunk_EveryChunk_IsTheArticleTextAtItsOffset()
    {
        var text = Article();

        var chunks = Chunker.Chunk(text);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.Equal(c.Text, text.Substring(c.Start, c.Text.Length)));
    }

    [Fact]
    public void Chunk_SentenceSpans_AreWholeSentencesOfTheChunk()
    {
        var chunks = Chunker.Chunk(Article());

        Assert.All(chunks, c => Assert.All(c.Sentences, s =>
        {
            var sentence = c.Text.Substring(s.Start, s.Length);
            Assert.StartsWith("Sentence number", sentence);
            Assert.EndsWith("words.", sentence);
        }));
    }

    [Fact]
    public void Chunk_Overlap_RepeatsTheLastSentenceOfThePreviousChunk()
    {
        var chunks = Chunker.Chunk(Article());

        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = chunks[i - 1].Sentences[^1];
            var firstOfNext = chunks[i].Sentences[0];
            var expected = chunks[i - 1].Text.Substring(previousLast.Start, previousLast.Length);
            var actual = chunks[i].Text.Substring(firstOfNext.Start, firstOfNext.Length);
            Assert.Equal(expected, actual);
        }
    }
}
