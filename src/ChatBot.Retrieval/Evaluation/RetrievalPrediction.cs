namespace ChatBot.Retrieval.Evaluation;

public sealed record RetrievalPrediction(string Id, IReadOnlyList<string> RankedIds);
