using System.Globalization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>Mean ranking metrics over the queries that have at least one relevant document.</summary>
public sealed record RetrievalReport(string Mode, int Queries, double RecallAt1, double RecallAt5, double RecallAt10, double MrrAt10, double NdcgAt10, double MillisecondsPerQuery)
{
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "mode {0}, {1} queries: recall@1 {2:F4}  recall@5 {3:F4}  recall@10 {4:F4}  MRR@10 {5:F4}  nDCG@10 {6:F4}  ({7:F1} ms/query)",
        Mode, Queries, RecallAt1, RecallAt5, RecallAt10, MrrAt10, NdcgAt10, MillisecondsPerQuery);
}
