using System.Security.Cryptography;
using System.Text;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Stats;

/// <summary>
/// Turns a platform user id into the question log's <c>user_hash</c>: HMAC-SHA256 under a random key made once per
/// database (table <c>stats_secret</c>, shared by replicas), so a vote can be told from another user's without keeping
/// the id, and ids (which are public on the platforms) cannot be hashed by someone holding only the log to find a person.
/// </summary>
public sealed class UserHasher(SqlDatabase database)
{
    private const string Create = "INSERT INTO stats_secret (id, secret) VALUES (1, @secret) ON CONFLICT DO NOTHING";
    private const string Read = "SELECT secret FROM stats_secret WHERE id = 1";
    private byte[]? _key;

    public async Task<string> HashAsync(string platform, string userId, CancellationToken cancellationToken)
    {
        var key = _key ??= await LoadKeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(platform + ":" + userId));
        return Convert.ToHexStringLower(mac, 0, 16);
    }

    /// <summary>Callers racing here (or replicas) may both insert: the first key wins, and every caller reads the winner.</summary>
    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        await database.ExecuteAsync(Create, [("secret", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))], cancellationToken);
        var stored = (string?)await database.ScalarAsync(Read, [], cancellationToken) ?? throw new InvalidOperationException("stats_secret has no key.");
        return Convert.FromHexString(stored);
    }
}
