using System.Text;
using System.Text.Json;
using CodeGoodly.Upload.Redis.Tests.Support;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary>A reader of Redis learns neither the credentials nor the token: every key and value Redis holds is scanned.</summary>
public sealed class SecrecyTests(SharedRedis redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenewAsync_KeyPair_RedisHoldsNeitherTheKeysNorTheTokenInClear()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        List<(string Key, byte[] Value)> duringSignIn = [];
        var authorizer = new Authorizer(async _ => duringSignIn = await EverythingInRedisAsync()); // the lock exists now

        UploadSessionToken token = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct);
        List<(string Key, byte[] Value)> afterwards = await EverythingInRedisAsync();

        string[] secrets = [session.Key1, session.Key2, token.AccessToken, Convert.ToHexString(session.Key.ProtectionKey.Span),
            Convert.ToBase64String(session.Key.ProtectionKey.Span)];
        Assert.Contains(duringSignIn, entry => entry.Key.EndsWith(session.Key.Id + ":lock", StringComparison.Ordinal));
        AssertRevealsNone(duringSignIn, secrets);
        AssertRevealsNone(afterwards, secrets);
        byte[] stored = Assert.Single(afterwards, entry => entry.Key == "codegoodly:upload:session:" + session.Key.Id).Value;
        AssertNotReadable(stored, token);
    }

    [Fact]
    public async Task RenewAsync_UsernameAndPassword_RedisHoldsNeitherTheLoginNorTheTokenInClear()
    {
        const string username = "fleet-operator@example.test";
        string password = "correct horse battery " + Guid.NewGuid();
        UploadSessionKey key = UploadSessionKey.For(new UploadClientOptions { Username = username, Password = password });
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);

        UploadSessionToken token = await store.RenewAsync(key, null, new Authorizer().AuthorizeAsync, Ct);

        List<(string Key, byte[] Value)> everything = await EverythingInRedisAsync();
        AssertRevealsNone(everything, [username, password, token.AccessToken]);
        AssertNotReadable(Assert.Single(everything, entry => entry.Key == "codegoodly:upload:session:" + key.Id).Value, token);
    }

    [Fact]
    public async Task RenewAsync_SameTokenWrittenTwice_StoredBytesDiffer()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken token = Tokens.New();
        string key = "codegoodly:upload:session:" + session.Key.Id;

        await store.RenewAsync(session.Key, null, _ => Task.FromResult(token), Ct);
        byte[] first = (byte[])(await redis.Database.StringGetAsync(key))!;
        await redis.Database.KeyDeleteAsync(key);
        await store.RenewAsync(session.Key, null, _ => Task.FromResult(token), Ct);
        byte[] second = (byte[])(await redis.Database.StringGetAsync(key))!;

        Assert.NotEqual(first, second); // a fresh nonce per write: equal tokens are not recognisable in Redis
        Assert.Equal(token, await store.GetAsync(session.Key, Ct));
    }

    private Task<List<(string Key, byte[] Value)>> EverythingInRedisAsync() => RedisContents.EverythingAsync(redis.Server, redis.Database);

    private static void AssertRevealsNone(List<(string Key, byte[] Value)> everything, string[] secrets) => RedisContents.AssertRevealsNone(everything, secrets);

    private static void AssertNotReadable(byte[] stored, UploadSessionToken token)
    {
        string text = Encoding.Latin1.GetString(stored);
        Assert.DoesNotContain(token.AccountId, text, StringComparison.Ordinal);
        Assert.DoesNotContain("access", text, StringComparison.OrdinalIgnoreCase);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(stored).Dispose());
    }
}
