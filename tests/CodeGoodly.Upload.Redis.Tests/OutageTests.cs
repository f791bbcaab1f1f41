using System.Diagnostics;
using CodeGoodly.Upload.Redis.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary>
/// Redis down, slow or back: calls go on as without a store (GetAsync null, RenewAsync signs in itself), one warning per outage,
/// Redis used again once it answers. Each test kills or pauses a redis-server of its own.
/// </summary>
public sealed class OutageTests
{
    private const int UnavailableEvent = 5001;
    private const int AvailableAgainEvent = 5002;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenewAsync_RedisKilled_EveryCallAuthorizesItselfAndOneWarningIsLogged()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new FakeLogger();
        using RedisUploadSessionStore store = await Stores.OwnAsync(server.Configuration, logger: logger);
        TestSession session = TestSession.New();
        UploadSessionToken token = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        var authorizer = new Authorizer();

        server.Kill();
        var elapsed = Stopwatch.StartNew();
        for (int call = 0; call < 20; call++)
        {
            token = await store.RenewAsync(session.Key, token, authorizer.AuthorizeAsync, Ct).Guarded();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"20 RenewAsync calls with Redis killed: {elapsed.ElapsedMilliseconds} ms");
        Assert.Equal(20, authorizer.Calls);
        Assert.Equal(authorizer.Issued[^1], token);
        Assert.Null(await store.GetAsync(session.Key, Ct).Guarded());
        await store.RemoveAsync(session.Key, token, Ct).Guarded();
        FakeLogRecord warning = Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == UnavailableEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(token.AccessToken, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenewAsync_RedisPaused_AuthorizesItselfAfterTheCommandTimeoutAndWarnsOnce()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new FakeLogger();
        using RedisUploadSessionStore store = await Stores.OwnAsync(server.Configuration, logger: logger);
        TestSession session = TestSession.New();
        UploadSessionToken stored = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        var authorizer = new Authorizer();
        // Redis stops answering ("slow") for longer than the test can take; the server is killed when the test ends.
        Assert.Equal("+OK", await server.CommandAsync("CLIENT PAUSE 600000 ALL"));

        UploadSessionToken first = await store.RenewAsync(session.Key, stored, authorizer.AuthorizeAsync, Ct).Guarded();
        UploadSessionToken second = await store.RenewAsync(session.Key, first, authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(2, authorizer.Calls);
        Assert.Equal(authorizer.Issued, [first, second]);
        Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == UnavailableEvent);
    }

    [Fact]
    public async Task RenewAsync_RedisBackAfterAnOutage_SharesTheSessionAgain()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var logger = new FakeLogger();
        using RedisUploadSessionStore store = await Stores.OwnAsync(server.Configuration, logger: logger);
        TestSession session = TestSession.New();
        UploadSessionToken token = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        server.Kill();
        token = await store.RenewAsync(session.Key, token, new Authorizer().AuthorizeAsync, Ct).Guarded();

        await server.StartAgainAsync(); // empty: no persistence
        await using ConnectionMultiplexer inspector = await SharedRedis.ConnectAsync(server.Configuration, allowAdmin: false);
        var guard = Stopwatch.StartNew();
        while (!await inspector.GetDatabase().KeyExistsAsync("codegoodly:upload:session:" + session.Key.Id))
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(120), "the store never wrote to Redis again after it came back");
            token = await store.RenewAsync(session.Key, token, new Authorizer().AuthorizeAsync, Ct).Guarded();
            await Task.Delay(200, Ct);
        }

        using RedisUploadSessionStore other = await Stores.OwnAsync(server.Configuration);
        Assert.Equal(token, await other.GetAsync(session.Key, Ct));
        Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == UnavailableEvent);
        Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == AvailableAgainEvent);
    }

    [Fact]
    public async Task Constructor_NothingListening_DoesNotThrowAndCallsGoOnWithoutRedis()
    {
        var logger = new FakeLogger();
        using var store = new RedisUploadSessionStore($"127.0.0.1:{RedisServer.FreePort()}", new RedisUploadSessionStoreOptions(), logger);
        TestSession session = TestSession.New();
        var authorizer = new Authorizer();

        Assert.Null(await store.GetAsync(session.Key, Ct).Guarded());
        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded();
        await store.RemoveAsync(session.Key, renewed, Ct).Guarded();

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.Single(logger.Collector.GetSnapshot(), record => record.Id.Id == UnavailableEvent);
    }

    [Fact]
    public async Task RenewAsync_ConnectionTheCallerGaveIsDown_AuthorizesItself()
    {
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{RedisServer.FreePort()},abortConnect=false");
        using var store = new RedisUploadSessionStore(connection);
        TestSession session = TestSession.New();
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, Tokens.New(), authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.Null(await store.GetAsync(session.Key, Ct).Guarded());
    }
}
