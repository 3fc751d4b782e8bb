using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Llm;

/// <summary>One loaded prompt: its constant system message and the template that renders the user message.</summary>
public sealed record PromptParts(string Name, string System, IPromptTemplate User);
