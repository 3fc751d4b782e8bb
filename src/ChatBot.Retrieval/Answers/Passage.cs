using ChatBot.Core.Model;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Answers;

/// <summary>A retrieved chunk with its article and how it was found, in rank order.</summary>
public sealed record Passage(Chunk Chunk, Article Article, SearchCandidate Candidate);
