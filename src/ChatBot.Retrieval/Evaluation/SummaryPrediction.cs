namespace ChatBot.Retrieval.Evaluation;

public sealed record SummaryPrediction(string Id, string Summary);
