namespace ChatBot.Retrieval.Evaluation;

public sealed record QaPrediction(string Id, string Answer, bool Abstained, IReadOnlyList<string> CitedIds, double Confidence);
