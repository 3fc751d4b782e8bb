using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// A question's gold answers: strings (this project's JSON Lines) or SQuAD's answer objects
/// (<c>{"text": …, "answer_start": …}</c>, as in SQuAD v2.0 files), read as their text.
/// </summary>
public sealed class AnswerTextsConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("answers must be a list of strings or of {\"text\": …} objects.");
        }

        var answers = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            answers.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.StartObject => TextOf(JsonElement.ParseValue(ref reader)),
                _ => throw new JsonException($"answers must be a list of strings or of {{\"text\": …}} objects (found {reader.TokenType})."),
            });
        }

        return answers;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var answer in value)
        {
            writer.WriteStringValue(answer);
        }

        writer.WriteEndArray();
    }

    private static string TextOf(JsonElement answer) =>
        answer.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new JsonException("an answers object has no \"text\" string.");
}
