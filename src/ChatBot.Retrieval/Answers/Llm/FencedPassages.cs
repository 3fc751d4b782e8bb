namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>The passages given to the model, numbered 1..n in <see cref="Given"/> order, and their fenced text.</summary>
public sealed record FencedPassages(string Text, IReadOnlyList<Passage> Given, int Dropped);
