namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>One named parameter, written <c>@name</c> in the SQL of both dialects; null is sent as SQL NULL.</summary>
public readonly record struct SqlArgument(string Name, object? Value)
{
    public static implicit operator SqlArgument((string Name, object? Value) pair) => new(pair.Name, pair.Value);
}
