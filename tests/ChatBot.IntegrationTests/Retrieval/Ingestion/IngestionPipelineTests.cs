using ChatBot.Core.Model;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion;

public sealed class IngestionPipelineTests : IAsyncLifetime
{
    private const string Text = "Solar panels turn sunlight into electricity. Their efficiency has risen every decade. Cheap panels changed energy markets.";
    private RetrievalTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RetrievalTestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task IngestDraftAsync_SameContentTwice_EmbedsNothingTheSecondTime()
    {
        var draft = new ArticleDraft("test:solar", "Solar", Text);
        var first = await _host.Pipeline.IngestDraftAsync(draft, CancellationToken.None);
        var embedded = _host.Embeddings.TextsEmbedded;

        var second = await _host.Pipeline.IngestDraftAsync(draft, CancellationToken.None);

        Assert.Equal(IngestOutcome.Added, first.Outcome);
        Assert.Equal(IngestOutcome.Unchanged, second.Outcome);
        Assert.True(embedded > 0);
        Assert.Equal(embedded, _host.Embeddings.TextsEmbedded);
    }

    [Fact]
    public async Task IngestDraftAsync_ChangedContent_ReplacesChunks()
    {
        var first = await _host.Pipeline.IngestDraftAsync(new ArticleDraft("test:solar", "Solar", Text), CancellationToken.None);

        var changed = "Wind turbines turn moving air into electricity. Offshore farms are growing fast.";
        var second = await _host.Pipeline.IngestDraftAsync(new ArticleDraft("test:solar", "Solar", changed), CancellationToken.None);
        var newChunks = await _host.Store.GetArticleChunksAsync(second.Article!.Id, CancellationToken.None);

        Assert.Equal(IngestOutcome.Updated, second.Outcome);
        Assert.Equal(first.Article!.Id, second.Article.Id);
        Assert.Contains("Wind turbines", string.Join(' ', newChunks.Select(c => c.Text)));
        Assert.DoesNotContain("Solar panels", string.Join(' ', newChunks.Select(c => c.Text)));
        var (articles, chunks, fts) = await _host.CountRowsAsync();
        Assert.Equal((1L, (long)newChunks.Count, (long)newChunks.Count), (articles, chunks, fts));
    }

    [Fact]
    public async Task ForgetAsync_IndexedArticle_RemovesRowsChunksAndSearchHits()
    {
        await _host.Pipeline.IngestDraftAsync(new ArticleDraft("test:solar", "Solar", Text), CancellationToken.None);
        var retrieval = _host.Services.GetRequiredService<ChatBot.Retrieval.RetrievalService>();

        var forgotten = await retrieval.ForgetAsync("local", "test:solar", CancellationToken.None);
        var hits = await retrieval.SearchAsync("local", "solar panels sunlight", 5, CancellationToken.None);

        Assert.NotNull(forgotten);
        Assert.Empty(hits);
        Assert.Equal((0L, 0L, 0L), await _host.CountRowsAsync());
    }

    [Fact]
    public async Task IngestDraftsAsync_EmbedderCrashesHalfway_LeavesStoreConsistent()
    {
        var failing = new FailingEmbeddingGenerator();
        await using var host = await RetrievalTestHost.CreateAsync(failing);
        var original = await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:solar", "Solar", Text), CancellationToken.None);
        var before = await host.CountRowsAsync();
        failing.FailAfterTexts = failing.TextsEmbedded + 1;

        var drafts = new[]
        {
            new ArticleDraft("test:solar", "Solar", "Completely new text about tidal power stations. Tides are predictable."),
            new ArticleDraft("test:wind", "Wind", "Wind turbines turn moving air into electricity. Offshore farms are growing fast."),
        };
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Pipeline.IngestDraftsAsync(drafts, CancellationToken.None));

        Assert.Equal(before, await host.CountRowsAsync());
        Assert.Null(await host.Store.GetBySourceAsync("local", "test:wind", CancellationToken.None));
        var kept = await host.Store.GetBySourceAsync("local", "test:solar", CancellationToken.None);
        Assert.Equal(original.Article!.ContentHash, kept!.ContentHash);
    }

    [Theory]
    [InlineData(".txt", "Quantum Notes\n\nQubits hold superpositions of states. Decoherence destroys them quickly.", "Quantum Notes")]
    [InlineData(".md", "# Quantum Notes\n\nQubits hold **superpositions** of states. See [the paper](http://x.example). Decoherence destroys them quickly.", "Quantum Notes")]
    [InlineData(".html", "<html><head><title>Quantum Notes</title></head><body><article><h1>Quantum Notes</h1><p>Qubits hold superpositions of states and this paragraph is long enough for the reader to keep it as the article body text.</p><p>Decoherence destroys them quickly, which is why error correction matters so much in practice today.</p></article></body></html>", "Quantum Notes")]
    public async Task IngestAsync_TextFile_IndexesTitleAndText(string extension, string content, string title)
    {
        var path = Path.Combine(_host.Directory, "notes" + extension);
        await File.WriteAllTextAsync(path, content);

        var results = await _host.Pipeline.IngestAsync("local", path, CancellationToken.None);
        var text = await _host.Store.GetTextAsync(results[0].Article!.Id, CancellationToken.None);

        Assert.Equal(IngestOutcome.Added, results[0].Outcome);
        Assert.Equal(title, results[0].Article!.Title);
        Assert.Contains("Qubits hold superpositions of states", text);
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("<p>", text);
    }

    [Fact]
    public async Task IngestAsync_PdfFile_IndexesItsText()
    {
        var path = Path.Combine(_host.Directory, "paper.pdf");
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        page.AddText("Qubits hold superpositions of states.", 12, new PdfPoint(50, 780), font);
        page.AddText("Decoherence destroys them quickly.", 12, new PdfPoint(50, 760), font);
        await File.WriteAllBytesAsync(path, builder.Build());

        var results = await _host.Pipeline.IngestAsync("local", path, CancellationToken.None);
        var text = await _host.Store.GetTextAsync(results[0].Article!.Id, CancellationToken.None);

        Assert.Equal(IngestOutcome.Added, results[0].Outcome);
        Assert.Contains("Qubits hold superpositions of states.", text);
        Assert.Contains("Decoherence destroys them quickly.", text);
    }
}
