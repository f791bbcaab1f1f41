using System.Text;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis.Tests.Support;

/// <summary>Everything a Redis holds, as a reader of it would see it, and the check that none of it reveals a secret.</summary>
internal static class RedisContents
{
    /// <summary>Every key (SCAN) with its value when it is a string (every key the store writes is one).</summary>
    public static async Task<List<(string Key, byte[] Value)>> EverythingAsync(IServer server, IDatabase database)
    {
        var everything = new List<(string, byte[])>();
        await foreach (RedisKey key in server.KeysAsync(pageSize: 500))
        {
            byte[] value = await database.KeyTypeAsync(key) == RedisType.String
                ? (byte[]?)await database.StringGetAsync(key) ?? []
                : [];
            everything.Add((key!, value));
        }

        return everything;
    }

    /// <summary>No key name and no value holds a secret, nor any 12-character piece of one (as text).</summary>
    public static void AssertRevealsNone(List<(string Key, byte[] Value)> everything, string[] secrets)
    {
        foreach ((string key, byte[] value) in everything)
        {
            string valueText = Encoding.UTF8.GetString(value);
            string valueLatin1 = Encoding.Latin1.GetString(value);
            foreach (string secret in secrets)
            {
                for (int start = 0; start + 12 <= secret.Length; start++)
                {
                    string piece = secret.Substring(start, 12);
                    Assert.DoesNotContain(piece, key, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(piece, valueText, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(piece, valueLatin1, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }
}
