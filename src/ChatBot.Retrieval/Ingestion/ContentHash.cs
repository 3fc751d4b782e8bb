using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>SHA-256 of text (UTF-8), lower-case hex. Equal text, equal hash: nothing is embedded twice.</summary>
public static class ContentHash
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
