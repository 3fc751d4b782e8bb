namespace ChatBot.Retrieval.Index;

/// <summary>
/// Where one pre-filtered <see cref="VectorIndex"/> search spent its time (filled when passed to the search; the bench
/// and the vector-index micro-bench report the split). Stages that did not run stay 0.
/// </summary>
internal sealed class VectorSearchTimings
{
    /// <summary>The sign-bit scan over every vector of the library (distances and their histogram).</summary>
    public double BitsScanMs { get; set; }

    /// <summary>Choosing the sign-bit pool from the scan (threshold from the histogram, then the slots under it).</summary>
    public double PoolMs { get; set; }

    /// <summary>Scoring the pool's int8 codes (or, below the sign-bit size, scanning every code) for the float candidates.</summary>
    public double CodesMs { get; set; }

    /// <summary>Re-scoring the float candidates (read from the vector file when there is one).</summary>
    public double RescoreMs { get; set; }

    /// <summary>Vectors whose int8 codes were scored.</summary>
    public int CodesScored { get; set; }
}
