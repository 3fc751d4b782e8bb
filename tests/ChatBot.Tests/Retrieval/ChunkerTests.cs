using ChatBot.Retrieval.Ingestion;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Retrieval;

public sealed class ChunkerTests
{
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

    [Fact]
    public void Chunk_EmptyText_GivesNoChunks() => Assert.Empty(Chunker.Chunk("   \n "));
}
