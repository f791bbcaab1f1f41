using CodeGoodly.Upload.Redis.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary><c>UseRedisSessionStore</c> and the core's <c>UseUploadSessionStore</c>: one store per registration, keyed by its HTTP client name.</summary>
public sealed class DependencyInjectionTests(SharedRedis redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UseRedisSessionStore_DefaultRegistration_OneSharedStoreKeyedByTheClientNameThatReachesRedis()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; })
            .UseRedisSessionStore(redis.Configuration);
        TestSession session = TestSession.New();
        await using ServiceProvider provider = services.BuildServiceProvider();

        IUploadSessionStore store = provider.GetRequiredKeyedService<IUploadSessionStore>(builder.Name);
        RedisUploadSessionStore redisStore = Assert.IsType<RedisUploadSessionStore>(store);
        await redisStore.WhenConnectAttemptedAsync();
        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);

        Assert.Same(store, provider.GetRequiredKeyedService<IUploadSessionStore>(builder.Name));
        Assert.Equal("CodeGoodly.Upload", builder.Name);
        Assert.Equal(renewed, await store.GetAsync(session.Key, Ct));
        Assert.True(await redis.Database.KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id));
    }

    [Fact]
    public async Task UseRedisSessionStore_KeyedRegistrations_EachNameHasItsOwnStore()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder main = services.AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; }).UseRedisSessionStore(redis.Configuration);
        IHttpClientBuilder backup = services.AddKeyedUploadClient("backup", options => { options.Key1 = "b1"; options.Key2 = "b2"; })
            .UseRedisSessionStore(redis.Configuration, options => options.KeyPrefix = "backup:");
        await using ServiceProvider provider = services.BuildServiceProvider();

        IUploadSessionStore mainStore = provider.GetRequiredKeyedService<IUploadSessionStore>(main.Name);
        IUploadSessionStore backupStore = provider.GetRequiredKeyedService<IUploadSessionStore>(backup.Name);

        Assert.Equal("CodeGoodly.Upload:backup", backup.Name);
        Assert.NotSame(mainStore, backupStore);
    }

    [Fact]
    public async Task UseRedisSessionStore_ServiceProviderDisposed_StoreIsDisposed()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; }).UseRedisSessionStore(redis.Configuration);
        ServiceProvider provider = services.BuildServiceProvider();
        IUploadSessionStore store = provider.GetRequiredKeyedService<IUploadSessionStore>(builder.Name);

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync(TestSession.New().Key, Ct));
    }

    [Fact]
    public async Task UseRedisSessionStore_ConnectionTheApplicationOwns_StoreUsesItAndLeavesItOpen()
    {
        await using ConnectionMultiplexer connection = await redis.ConnectAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(connection);
        IHttpClientBuilder builder = services.AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; })
            .UseRedisSessionStore(provider => provider.GetRequiredService<IConnectionMultiplexer>());
        TestSession session = TestSession.New();
        UploadSessionToken renewed;
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            IUploadSessionStore store = provider.GetRequiredKeyedService<IUploadSessionStore>(builder.Name);
            renewed = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        }

        Assert.True(connection.IsConnected);
        using var reader = new RedisUploadSessionStore(connection);
        Assert.Equal(renewed, await reader.GetAsync(session.Key, Ct));
    }

    [Fact]
    public void UseRedisSessionStore_UnparsableConfiguration_ThrowsAtRegistration()
    {
        IHttpClientBuilder builder = new ServiceCollection().AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; });

        Assert.ThrowsAny<ArgumentException>(() => builder.UseRedisSessionStore("127.0.0.1:6379,notAnOption=1"));
    }

    [Fact]
    public void UseRedisSessionStore_OptionOutOfRange_ThrowsAtRegistration()
    {
        IHttpClientBuilder builder = new ServiceCollection().AddUploadClient(options => { options.Key1 = "k1"; options.Key2 = "k2"; });

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRedisSessionStore(redis.Configuration, options => options.CommandTimeout = TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task UseUploadSessionStore_AnyStore_RegisteredOnceKeyedByTheClientName()
    {
        var services = new ServiceCollection();
        int created = 0;
        using RedisUploadSessionStore given = new(await redis.ConnectAsync());
        IHttpClientBuilder builder = services.AddKeyedUploadClient("archive", options => { options.Key1 = "k1"; options.Key2 = "k2"; })
            .UseUploadSessionStore(_ =>
            {
                created++;
                return given;
            });
        await using ServiceProvider provider = services.BuildServiceProvider();

        IUploadSessionStore first = provider.GetRequiredKeyedService<IUploadSessionStore>(builder.Name);
        IUploadSessionStore second = provider.GetRequiredKeyedService<IUploadSessionStore>("CodeGoodly.Upload:archive");

        Assert.Same(given, first);
        Assert.Same(first, second);
        Assert.Equal(1, created);
        Assert.Null(provider.GetKeyedService<IUploadSessionStore>("CodeGoodly.Upload"));
    }
}
