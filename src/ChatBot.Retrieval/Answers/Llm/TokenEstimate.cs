namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>Token counts approximated as characters / 4 (close enough for English with GPT-style tokenizers).</summary>
public static class TokenEstimate
{
    public const int CharactersPerToken = 4;

    public static int Of(string? text) => text is null ? 0 : (text.Length + CharactersPerToken - 1) / CharactersPerToken;
}
