using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// Tokens as FTS5 makes them, from FTS5 itself, so <see cref="LexicalIndex"/> and <c>chunks_fts</c> never disagree:
/// a private in-memory FTS5 table with the same tokenizer as <c>chunks_fts</c> (<see cref="Tokenizer"/>) turns a row or
/// a query term into tokens, read back through <c>fts5vocab</c>. Query terms are cached.
/// </summary>
public sealed class Fts5Tokens : IDisposable
{
    /// <summary>The tokenizer of <c>chunks_fts</c> (SqliteArticleSql's schema).</summary>
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    private const int MaxCachedTerms = 100_000;

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, string?> _terms = new(StringComparer.Ordinal);

    public Fts5Tokens()
    {
        _connection.Open();
        Execute($"CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize = '{Tokenizer}')", [], _ => { });
        Execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')", [], _ => { });
    }

    /// <summary>The tokens of one full-text row, with their column (0 = title, 1 = text).</summary>
    public List<(string Token, int Column)> Row(string title, string text)
    {
        var tokens = new List<(string, int)>();
        lock (_gate)
        {
            Execute("INSERT INTO t (rowid, title, text) VALUES (1, @title, @text)", [("title", title), ("text", text)], _ => { });
            Execute("SELECT term, col FROM v", [], r => tokens.Add((r.GetString(0), r.GetString(1) == "title" ? 0 : 1)));
            Execute("DELETE FROM t", [], _ => { });
        }

        return tokens;
    }

    /// <summary>The single token FTS5 makes of a query term; null when it makes none or several (a phrase).</summary>
    public string? Term(string term)
    {
        if (_terms.TryGetValue(term, out var cached))
        {
            return cached;
        }

        var tokens = Row(string.Empty, term);
        var token = tokens.Count == 1 ? tokens[0].Token : null;
        if (_terms.Count >= MaxCachedTerms)
        {
            _terms.Clear();
        }

        _terms[term] = token;
        return token;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, (string Name, object Value)[] parameters, Action<SqliteDataReader> row)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
