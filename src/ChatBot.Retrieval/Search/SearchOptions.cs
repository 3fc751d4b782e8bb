using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Search;

/// <summary>Hybrid search and answer settings. The abstention thresholds were calibrated on SQuAD (see README).</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Chunks taken from each list (BM25, dense) before fusion.</summary>
    [Range(5, 1000)]
    public int CandidatesPerList { get; set; } = 50;

    /// <summary>
    /// SQLite: BM25 from the in-memory index (<c>Search/Lexical</c>: FTS5's tokens and <c>bm25()</c> scores, with MaxScore
    /// pruning) instead of FTS5's <c>bm25()</c> over every matching row. The same hits either way; false for FTS5 alone.
    /// </summary>
    public bool InMemoryLexical { get; set; } = true;

    /// <summary>
    /// Dense list from the int8 pre-filter re-scored in float (<c>VectorIndex.Search</c>, recall@10 vs exact in the bench)
    /// instead of the exact float scan of every vector (false).
    /// </summary>
    public bool QuantisedVectors { get; set; } = true;

    /// <summary>How the two lists are merged: "Scores" (min-max normalised BM25 and cosine, mixed by
    /// <see cref="LexicalShare"/>) or "Rrf" (reciprocal-rank fusion with <see cref="LexicalWeight"/> and <see cref="DenseWeight"/>).</summary>
    [RegularExpression("^(?i)(Scores|Rrf)$", ErrorMessage = "Search:Fusion must be Scores or Rrf.")]
    public string Fusion { get; set; } = "Scores";

    /// <summary>With score fusion, the share of the normalised BM25 score (the rest is the normalised cosine).</summary>
    [Range(0.0, 1.0)]
    public double LexicalShare { get; set; } = 0.5;

    public bool UsesScoreFusion => string.Equals(Fusion, "Scores", StringComparison.OrdinalIgnoreCase);

    [Range(0.0, 10.0)]
    public double LexicalWeight { get; set; } = 1.0;

    [Range(0.0, 10.0)]
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>Passages an answer draws its sentences from.</summary>
    [Range(1, 20)]
    public int AnswerPassages { get; set; } = 5;

    /// <summary>At most this many chunks of one article among the answer passages.</summary>
    [Range(1, 20)]
    public int MaxPassagesPerArticle { get; set; } = 2;

    /// <summary>Sentences quoted in an extractive answer.</summary>
    [Range(1, 10)]
    public int MaxAnswerSentences { get; set; } = 3;

    /// <summary>Candidate sentences of an extractive answer, the best by the first, lexical stage of the ranking; the others are not quoted.</summary>
    [Range(1, 100)]
    public int CandidateSentences { get; set; } = 10;

    /// <summary>
    /// Of those, the best by the lexical stage that the embedding model encodes (one batch per question) for the
    /// sentence-cosine feature of the second stage; the cost of the answer stage grows with it (about 9 ms a sentence on
    /// one quiet core).
    /// </summary>
    [Range(0, 100)]
    public int DenseSentences { get; set; } = 1;

    /// <summary>
    /// Evaluation and training only: encode every candidate sentence that has no vector stored at ingest (an index
    /// written before sentence vectors were stored), so the first stage reads each sentence's own cosine. Slow on a
    /// live bot (about 9 ms a sentence); off by default, when such sentences are ranked by their passage's cosine.
    /// </summary>
    public bool EncodeMissingSentences { get; set; }

    /// <summary>
    /// The answer stage reads its sentences' cosines from the vectors stored at ingest (<c>Ingestion:SentenceVectors</c>)
    /// instead of encoding them; false encodes them at ask time as before (the benchmark's "before").
    /// </summary>
    public bool StoredSentenceVectors { get; set; } = true;

    /// <summary>
    /// Below this confidence (0..1: the learned abstention model's probability that the articles hold the answer) the bot
    /// says the articles do not hold the answer. Unset (the default): the threshold shipped inside the abstention model
    /// (<c>abstain_below</c> in <c>abstention-weights.json</c>), chosen with it by <c>eval train-abstainer</c> under the
    /// committed rule (<c>Evaluation/AbstentionThreshold</c>): one place, so a retrained model cannot meet a stale threshold.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? AbstainBelow { get; set; }
}
