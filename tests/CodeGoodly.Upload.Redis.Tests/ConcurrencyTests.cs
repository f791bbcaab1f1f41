using CodeGoodly.Upload.Redis.Tests.Support;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary>One sign-in for the whole fleet: the Redis lock, waiters picking up the token, a crashed holder's lock expiring.</summary>
public sealed class ConcurrencyTests(SharedRedis redis)
{
    private const int Instances = 6;
    private const int CallsPerInstance = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenewAsync_ManyCallersOnSeveralConnectionsNothingStored_AuthorizeRunsOnce()
    {
        TestSession session = TestSession.New();
        RedisUploadSessionStore[] stores = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => Stores.OwnAsync(redis.Configuration)));
        // A slow sign-in, so that callers really overlap; the verdict does not depend on it.
        var authorizer = new Authorizer(ct => Task.Delay(200, ct));
        try
        {
            UploadSessionToken[] renewed = await Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, CallsPerInstance)
                .Select(_ => Task.Run(() => store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded()))));

            Assert.Equal(1, authorizer.Calls);
            Assert.All(renewed, token => Assert.Equal(authorizer.Issued[0], token));
        }
        finally
        {
            Array.ForEach(stores, store => store.Dispose());
        }
    }

    [Fact]
    public async Task RenewAsync_ManyCallersRefusedTheSameToken_AuthorizeRunsOnce()
    {
        TestSession session = TestSession.New();
        RedisUploadSessionStore[] stores = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => Stores.OwnAsync(redis.Configuration)));
        var authorizer = new Authorizer(ct => Task.Delay(200, ct));
        try
        {
            UploadSessionToken refused = await stores[0].RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

            UploadSessionToken[] renewed = await Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, CallsPerInstance)
                .Select(_ => Task.Run(() => store.RenewAsync(session.Key, refused, authorizer.AuthorizeAsync, Ct).Guarded()))));

            Assert.Equal(1, authorizer.Calls);
            Assert.All(renewed, token => Assert.Equal(authorizer.Issued[0], token));
            Assert.Equal(authorizer.Issued[0], await stores[^1].GetAsync(session.Key, Ct));
        }
        finally
        {
            Array.ForEach(stores, store => store.Dispose());
        }
    }

    [Fact]
    public async Task RenewAsync_WhileAnotherInstanceAuthorizes_WaitsAndReturnsItsTokenWithoutAuthorizing()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore holderStore = await Stores.OwnAsync(redis.Configuration);
        using RedisUploadSessionStore waiterStore = await Stores.OwnAsync(redis.Configuration);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = new Authorizer(async ct =>
        {
            holding.TrySetResult();
            await finish.Task.WaitAsync(ct);
        });
        var waiter = new Authorizer();

        Task<UploadSessionToken> holderRenewing = holderStore.RenewAsync(session.Key, null, holder.AuthorizeAsync, Ct).Guarded();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Task<UploadSessionToken> waiterRenewing = waiterStore.RenewAsync(session.Key, null, waiter.AuthorizeAsync, Ct).Guarded();
        finish.SetResult();

        UploadSessionToken holderGot = await holderRenewing;
        UploadSessionToken waiterGot = await waiterRenewing;

        Assert.Equal(holder.Issued.Single(), holderGot);
        Assert.Equal(holderGot, waiterGot);
        Assert.Equal(0, waiter.Calls);
    }

    [Fact]
    public async Task RenewAsync_LockLeftByACrashedHolder_TakesTheLockAfterItExpiresAndAuthorizesOnce()
    {
        TestSession session = TestSession.New();
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.FromSeconds(1) });
        // What an instance that crashed while signing in leaves behind: its lock, with the expiry every holder sets.
        await redis.Database.StringSetAsync(lockKey, "crashed-instance", TimeSpan.FromSeconds(1));
        string? lockWhileAuthorizing = null;
        var authorizer = new Authorizer(async _ => lockWhileAuthorizing = await redis.Database.StringGetAsync(lockKey));

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.NotNull(lockWhileAuthorizing);
        Assert.NotEqual("crashed-instance", lockWhileAuthorizing); // the store held its own lock while it signed in
        Assert.False(await redis.Database.KeyExistsAsync(lockKey));
    }

    [Fact]
    public async Task RenewAsync_LockThatNeverExpires_StopsWaitingAfterTheLockExpiryAndAuthorizesOnce()
    {
        TestSession session = TestSession.New();
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.FromMilliseconds(500) });
        await redis.Database.StringSetAsync(lockKey, "stuck-instance"); // no expiry: a lock no holder will ever let go
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.Equal(renewed, await store.GetAsync(session.Key, Ct));
        Assert.Equal("stuck-instance", (string?)await redis.Database.StringGetAsync(lockKey)); // another's lock is never deleted
    }

    [Fact]
    public async Task RenewAsync_LockExpiredAndTakenByAnotherWhileAuthorizing_LeavesTheOtherHoldersLock()
    {
        TestSession session = TestSession.New();
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.FromMilliseconds(300) });
        // A sign-in slower than the lock expiry: the lock expires and another instance takes it before this one finishes.
        var authorizer = new Authorizer(async ct =>
        {
            while (await redis.Database.KeyExistsAsync(lockKey))
            {
                await Task.Delay(50, ct);
            }

            await redis.Database.StringSetAsync(lockKey, "next-holder", TimeSpan.FromSeconds(30));
        });

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(authorizer.Issued.Single(), renewed);
        Assert.Equal("next-holder", (string?)await redis.Database.StringGetAsync(lockKey)); // released only by its owner
    }

    [Fact]
    public async Task RenewAsync_HolderStoresWhileTheWaiterPolls_WaiterReturnsTheStoredTokenWithoutAuthorizing()
    {
        TestSession session = TestSession.New();
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        await redis.Database.StringSetAsync(lockKey, "another-instance", TimeSpan.FromSeconds(30));
        var authorizer = new Authorizer();

        ValueTask<UploadSessionToken> waiting = store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct);
        // Another instance's token appears without a notification (written behind the store's back, nothing published).
        UploadSessionToken theirs = Tokens.New();
        await redis.Database.StringSetAsync("codegoodly:upload:session:" + session.Key.Id, TokenProtector.Protect(session.Key, theirs));

        Assert.Equal(theirs, await waiting.Guarded());
        Assert.Equal(0, authorizer.Calls);
    }
}
