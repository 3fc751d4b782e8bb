namespace ChatBot.Retrieval.Index;

/// <summary>One committed write of an article, as logged for the other replicas' change poll.</summary>
/// <param name="Sequence">Position in the change log; committed in this order.</param>
/// <param name="Deleted">True when the article was deleted, false when it was saved.</param>
/// <param name="Origin">The store instance (replica) that made the change.</param>
public sealed record ArticleChange(long Sequence, long ArticleId, bool Deleted, Guid Origin);
