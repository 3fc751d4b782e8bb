using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Search;

/// <summary>
/// Where an ask reads a typo from (QuerySpelling): BM25's passages for the question's other words first, so the question
/// is embedded once, already corrected; the hybrid search's own candidates only when those passages hold no near word.
/// </summary>
public sealed class QuerySpellingTests
{
    private const string Festival = "The Quokka Festival will begin on Friday with a parade through Wattle Creek.";

    [Fact]
    public async Task Ask_TypoBm25sPassagesRead_EmbedsOnlyTheCorrectedQuestion()
    {
        var embeddings = new RecordingEmbeddingGenerator();
        await using var host = await RetrievalTestHost.CreateAsync(embeddings);
        await IngestAsync(host, ("test:festival", "Wattle Creek news", Festival));
        embeddings.Texts.Clear();

        var answer = await host.Services.GetRequiredService<RetrievalService>().AskAsync(LibraryNames.Local, "when is the quokka festval", null, CancellationToken.None);

        Assert.Contains("Friday", answer.Text, StringComparison.Ordinal);
        Assert.Equal("when is the quokka festival", Assert.Single(embeddings.Texts));
    }

    [Fact]
    public async Task Ask_TypoOnlyTheSearchsCandidatesRead_IsSearchedAgainCorrected()
    {
        // BM25's best five passages (quokka, over and over) hold no near word; the model (this fake) puts the festival's
        // passage nearest to the typed question, and the fusion weighs the model more, so the hybrid candidates read the
        // typo and the question is searched again.
        var embeddings = new RecordingEmbeddingGenerator { NearestTo = ("festval", Festival) };
        await using var host = await RetrievalTestHost.CreateAsync(embeddings, new Dictionary<string, string?> { ["Search:CandidatesPerList"] = "5", ["Search:LexicalShare"] = "0.2" });
        await IngestAsync(host, [.. Enumerable.Range(1, 5).Select(i => ($"test:quokkas{i}", $"Quokkas {i}", $"Quokka quokka quokka quokka, colony {i}.")), ("test:festival", "Wattle Creek news", Festival)]);
        embeddings.Texts.Clear();

        await host.Services.GetRequiredService<RetrievalService>().AskAsync(LibraryNames.Local, "when is the quokka festval", null, CancellationToken.None);

        Assert.Equal(["when is the quokka festval", "when is the quokka festival"], embeddings.Texts);
    }

    [Fact]
    public async Task Ask_NoTypoAndCorrectionOff_EmbedTheQuestionOnceAsTyped()
    {
        var embeddings = new RecordingEmbeddingGenerator();
        await using var host = await RetrievalTestHost.CreateAsync(embeddings);
        await IngestAsync(host, ("test:festival", "Wattle Creek news", Festival));
        embeddings.Texts.Clear();
        var retrieval = host.Services.GetRequiredService<RetrievalService>();

        await retrieval.AskAsync(LibraryNames.Local, "when is the quokka festival", null, CancellationToken.None);
        await retrieval.AskAsync(LibraryNames.Local, "when is the quokka festval", null, null, CancellationToken.None, correctSpelling: false);

        Assert.Equal(["when is the quokka festival", "when is the quokka festval"], embeddings.Texts);
    }

    private static async Task IngestAsync(RetrievalTestHost host, params (string Source, string Title, string Text)[] articles)
    {
        foreach (var (source, title, text) in articles)
        {
            Assert.NotNull((await host.Pipeline.IngestDraftAsync(new ArticleDraft(source, title, text), CancellationToken.None)).Article);
        }
    }

    /// <summary>Records each text embedded as a query (one text per call: ingest's batches and sentences are not questions).</summary>
    private sealed class RecordingEmbeddingGenerator : FakeEmbeddingGenerator
    {
        public List<string> Texts { get; } = [];

        /// <summary>A text holding Word is embedded as Text is.</summary>
        public (string Word, string Text)? NearestTo { get; init; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            if (texts.Count == 1 && texts[0].StartsWith("when is", StringComparison.Ordinal))
            {
                Texts.Add(texts[0]);
            }

            var mapped = texts.Select(t => NearestTo is var (word, text) && t.Contains(word, StringComparison.Ordinal) ? text : t).ToList();
            return base.GenerateAsync(mapped, options, cancellationToken);
        }
    }
}
