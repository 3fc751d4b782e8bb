using System.Globalization;
using System.Text.Json;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>Reads the evaluation inputs (JSON Lines, a qrels TSV) and writes predictions (JSON Lines).</summary>
public static class EvalFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonSerializerOptions Compact = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <exception cref="InvalidDataException">A line is not valid JSON of the expected shape (the message names the line).</exception>
    public static async Task<List<T>> ReadJsonLinesAsync<T>(string path, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                items.Add(JsonSerializer.Deserialize<T>(line, Json) ?? throw new InvalidDataException($"{path}:{number}: null record."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: {ex.Message}", ex);
            }
        }

        return items;
    }

    /// <summary>"query-id corpus-id score" (tab-separated) with a header line.</summary>
    public static async Task<Dictionary<string, Dictionary<string, int>>> ReadQrelsAsync(string path, CancellationToken cancellationToken)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var first = true;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (first)
            {
                first = false;
                if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    continue; // the header
                }
            }

            if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score))
            {
                continue;
            }

            if (!qrels.TryGetValue(parts[0], out var forQuery))
            {
                qrels[parts[0]] = forQuery = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            forQuery[parts[1]] = score;
        }

        return qrels;
    }

    public static async Task WriteJsonLinesAsync<T>(string path, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var writer = new StreamWriter(path);
        foreach (var item in items)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(item, Compact).AsMemory(), cancellationToken);
        }
    }
}
