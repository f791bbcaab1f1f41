using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CodeGoodly.Upload.Redis.Tests.Support;

/// <summary>A session of a test's own: random credentials (so tests sharing a Redis never meet) and the key derived from them.</summary>
internal sealed record TestSession(Uri BaseAddress, string Key1, string Key2, UploadSessionKey Key)
{
    public static TestSession New()
    {
        var baseAddress = new Uri("https://upload.example.test/api/v2/");
        string key1 = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        string key2 = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        return new TestSession(baseAddress, key1, key2, UploadSessionKey.For(new UploadClientOptions { BaseAddress = baseAddress, Key1 = key1, Key2 = key2 }));
    }
}

internal static class Tokens
{
    /// <summary>A token as /authorize would issue: 32 random hex characters and an account id.</summary>
    public static UploadSessionToken New() =>
        new(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), "acct" + RandomNumberGenerator.GetInt32(1, 1_000_000));
}

/// <summary>The <c>authorize</c> delegate a client would pass: counts its calls and issues a new token each time.</summary>
internal sealed class Authorizer(Func<CancellationToken, Task>? beforeIssuing = null)
{
    private readonly ConcurrentQueue<UploadSessionToken> issued = new();

    public int Calls => issued.Count;

    public IReadOnlyList<UploadSessionToken> Issued => [.. issued];

    public async Task<UploadSessionToken> AuthorizeAsync(CancellationToken cancellationToken)
    {
        if (beforeIssuing is not null)
        {
            await beforeIssuing(cancellationToken);
        }

        UploadSessionToken token = Tokens.New();
        issued.Enqueue(token);
        return token;
    }
}

internal static class Stores
{
    /// <summary>A store with its own connection (the configuration-string constructor), once its first connection attempt has ended.</summary>
    public static async Task<RedisUploadSessionStore> OwnAsync(string configuration, RedisUploadSessionStoreOptions? options = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var store = new RedisUploadSessionStore(configuration, options ?? new RedisUploadSessionStoreOptions(), logger);
        await store.WhenConnectAttemptedAsync();
        return store;
    }

    /// <summary>Fails a test that hangs instead of letting it run forever; not a claim about speed.</summary>
    public static Task<T> Guarded<T>(this ValueTask<T> pending) => pending.AsTask().WaitAsync(TimeSpan.FromSeconds(60));

    public static Task Guarded(this ValueTask pending) => pending.AsTask().WaitAsync(TimeSpan.FromSeconds(60));
}
