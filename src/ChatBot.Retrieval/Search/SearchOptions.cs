using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Search;

/// <summary>Hybrid search and answer settings. The abstention thresholds were calibrated on SQuAD (see README).</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Chunks taken from each list (BM25, dense) before fusion.</summary>
    [Range(5, 1000)]
    public int CandidatesPerList { get; set; } = 50;

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

    /// <summary>Below this confidence (0..1) the bot says the articles do not hold the answer.</summary>
    [Range(0.0, 1.0)]
    public double AbstainBelow { get; set; } = 0.35;
}
