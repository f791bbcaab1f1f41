using CodeGoodly.Upload.Redis.Tests.Support;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary>The <see cref="IUploadSessionStore"/> contract, on a real Redis.</summary>
public sealed class StoreContractTests(SharedRedis redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_NothingStored_ReturnsNull()
    {
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);

        Assert.Null(await store.GetAsync(TestSession.New().Key, Ct));
    }

    [Fact]
    public async Task RenewAsync_NothingStored_AuthorizesOnceAndAnotherStoreReadsTheToken()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        using RedisUploadSessionStore other = await Stores.OwnAsync(redis.Configuration);
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, refused: null, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.Equal(renewed, await other.GetAsync(session.Key, Ct));
        Assert.True(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id));
        Assert.False(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id + ":lock"));
    }

    [Fact]
    public async Task RenewAsync_StoredTokenIsTheRefusedOne_AuthorizesOnceAndStoresTheNewToken()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken refused = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, refused, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(1, authorizer.Calls);
        Assert.NotEqual(refused, renewed);
        Assert.Equal(renewed, await store.GetAsync(session.Key, Ct));
    }

    [Fact]
    public async Task RenewAsync_StoredTokenNewerThanTheRefusedOne_ReturnsItWithoutAuthorizing()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken refused = Tokens.New();
        UploadSessionToken newer = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, refused, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(0, authorizer.Calls);
        Assert.Equal(newer, renewed);
    }

    [Fact]
    public async Task RenewAsync_NoRefusedTokenAndOneStored_ReturnsTheStoredOneWithoutAuthorizing()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken stored = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(0, authorizer.Calls);
        Assert.Equal(stored, renewed);
    }

    [Fact]
    public async Task RenewAsync_AuthorizeThrows_ExceptionReachesTheCallerAndTheLockIsReleased()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        var failure = new InvalidOperationException("wrong keys");

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await store.RenewAsync(session.Key, null, _ => Task.FromException<UploadSessionToken>(failure), Ct));

        Assert.Same(failure, thrown);
        Assert.False(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id + ":lock"));
        Assert.Null(await store.GetAsync(session.Key, Ct));
    }

    [Fact]
    public async Task RemoveAsync_TheStoredToken_RemovesIt()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken stored = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

        await store.RemoveAsync(session.Key, stored, Ct);

        Assert.Null(await store.GetAsync(session.Key, Ct));
        Assert.False(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id));
    }

    [Fact]
    public async Task RemoveAsync_ANewerTokenStored_KeepsIt()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken old = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        UploadSessionToken newer = await store.RenewAsync(session.Key, old, new Authorizer().AuthorizeAsync, Ct);

        await store.RemoveAsync(session.Key, old, Ct);

        Assert.Equal(newer, await store.GetAsync(session.Key, Ct));
    }

    [Fact]
    public async Task GetAsync_StoredValueThatDoesNotDecrypt_ReturnsNull()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        await redis.Database.StringSetAsync("codegoodly:upload:session:" + session.Key.Id, "{\"accessToken\":\"forged\",\"accountId\":\"1\"}");

        Assert.Null(await store.GetAsync(session.Key, Ct));
    }

    [Fact]
    public async Task RenewAsync_StoredValueThatDoesNotDecrypt_AuthorizesAndReplacesIt()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        await redis.Database.StringSetAsync("codegoodly:upload:session:" + session.Key.Id, new byte[] { 1, 2, 3, 4, 5 });
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(renewed, await store.GetAsync(session.Key, Ct));
    }

    [Fact]
    public async Task GetAsync_AnotherSessionsValueCopiedUnderThisSession_ReturnsNull()
    {
        TestSession mine = TestSession.New();
        TestSession theirs = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        await store.RenewAsync(theirs.Key, null, new Authorizer().AuthorizeAsync, Ct);
        byte[] theirBlob = (byte[])(await redis.Database.StringGetAsync("codegoodly:upload:session:" + theirs.Key.Id))!;

        await redis.Database.StringSetAsync("codegoodly:upload:session:" + mine.Key.Id, theirBlob);

        Assert.Null(await store.GetAsync(mine.Key, Ct));
    }

    [Fact]
    public async Task RenewAsync_KeyPrefixOption_WritesUnderThatPrefix()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { KeyPrefix = "tenant-a:sessions:" });

        await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

        Assert.True(await redis.Database.KeyExistsAsync("tenant-a:sessions:" + session.Key.Id));
        Assert.False(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id));
    }

    [Fact]
    public async Task RenewAsync_SessionTimeToLiveSet_StoredSessionExpires()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { SessionTimeToLive = TimeSpan.FromHours(1) });

        await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

        TimeSpan? ttl = await redis.Database.KeyTimeToLiveAsync("codegoodly:upload:session:" + session.Key.Id);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task RenewAsync_DefaultOptions_StoredSessionDoesNotExpire()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);

        await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

        Assert.Null(await redis.Database.KeyTimeToLiveAsync("codegoodly:upload:session:" + session.Key.Id));
    }

    [Fact]
    public async Task RenewAsync_CancelledWhileAnotherInstanceHoldsTheLock_ThrowsOperationCanceledAndLeavesTheLock()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        await redis.Database.StringSetAsync(lockKey, "another-instance", TimeSpan.FromSeconds(30));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var authorizer = new Authorizer();

        ValueTask<UploadSessionToken> renewing = store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await renewing.Guarded());
        Assert.Equal(0, authorizer.Calls);
        Assert.Equal("another-instance", (string?)await redis.Database.StringGetAsync(lockKey));
    }

    [Fact]
    public async Task Dispose_OwnConnection_LaterCallsThrowObjectDisposed()
    {
        RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);

        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync(TestSession.New().Key, Ct));
    }

    [Fact]
    public async Task Dispose_ConnectionTheCallerGave_LeavesItOpen()
    {
        await using ConnectionMultiplexer connection = await redis.ConnectAsync();
        var store = new RedisUploadSessionStore(connection);

        store.Dispose();

        Assert.True(connection.IsConnected);
        await connection.GetDatabase().PingAsync();
    }

    [Fact]
    public void Constructor_UnparsableConfiguration_ThrowsArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RedisUploadSessionStore("127.0.0.1:6379,notAnOption=1"));
    }

    [Fact]
    public void Constructor_NonPositiveLockExpiry_ThrowsArgumentOutOfRange()
    {
        ArgumentOutOfRangeException thrown = Assert.Throws<ArgumentOutOfRangeException>(
            () => new RedisUploadSessionStore(redis.Configuration, new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.Zero }));

        Assert.Equal("LockExpiry", thrown.ParamName);
    }
}
