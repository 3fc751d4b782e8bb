using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Summaries;
using ChatBot.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// "Ask about this article": the same extractive answerer, fed only the article's own passages (its chunks ranked by
/// cosine to the question, the best <see cref="SearchOptions.AnswerPassages"/>), so nothing else in the library is
/// quoted. And "Summarize" on a message without a link: the extractive summarizer over the message's own text.
/// </summary>
public sealed class ArticleReader(
    IArticleStore store,
    VectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ExtractiveAnswerer answerer,
    ExtractiveSummarizer summarizer,
    IOptions<SearchOptions> options) : IArticleReader
{
    public async Task<Answer> AskArticleAsync(Article article, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var query = ChatNoise.Clean(question);
        var vector = (await embeddings.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector.ToArray();
        var chunks = await store.GetArticleChunksAsync(article.Id, cancellationToken);
        var similarity = index.Similarities(vector, chunks.Select(c => c.Id));
        var passages = chunks
            .Select(c => (Chunk: c, Similarity: similarity.GetValueOrDefault(c.Id)))
            .OrderByDescending(c => c.Similarity)
            .ThenBy(c => c.Chunk.Ordinal)
            .Take(options.Value.AnswerPassages)
            .Select((c, rank) => new Passage(c.Chunk, article, new SearchCandidate(c.Chunk.Id, article.Id, Math.Max(0, c.Similarity), null, rank + 1, 0, c.Similarity)))
            .ToList();
        var terms = HybridSearcher.QueryTerms(query);
        var (frequency, count) = await store.GetTermStatisticsAsync(article.Library, terms, cancellationToken);
        return await answerer.AnswerAsync(query, TermWeights.From(terms, frequency, count), passages, vector, cancellationToken);
    }

    public IReadOnlyList<string> SummarizeText(string text, SummaryLength length)
    {
        ArgumentNullException.ThrowIfNull(text);
        return summarizer.Summarize(text, null, ExtractiveSummarizer.SentenceCount(length))
            .Select(s => SentenceSplitter.Text(text, s))
            .ToList();
    }
}
