using CodeGoodly.Upload.Tests.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Session;

/// <summary>Clients that share one session through <see cref="UploadClientOptions.SessionStore"/>: one sign-in for all of them, per expiry.</summary>
public sealed class SharedSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_TwoClientsSharingAStore_OneSignInForBoth()
    {
        var account = new OneTokenAccount();
        var store = new InMemorySessionStore();
        using var server = new RawHttpServer().Handle(account.Answer);
        using var first = server.CreateClient(o => o.SessionStore = store);
        using var second = server.CreateClient(o => o.SessionStore = store);

        for (int call = 1; call <= 10; call++)
        {
            await (call % 2 == 0 ? first : second).Files.GetInfoAsync(new FileId(call), Ct);
        }

        Assert.Equal(1, server.CountOf("authorize"));
        Assert.Equal(10, account.Served);
        Assert.Single(store.Keys);
    }

    [Fact]
    public async Task Calls_TokenExpiresUnderSixClientsSharingAStore_OneReauthorizationAndNoFailedCall()
    {
        var account = new OneTokenAccount();
        var store = new InMemorySessionStore();
        using var server = new RawHttpServer().Handle(account.Answer);
        UploadClient[] clients = [.. Enumerable.Range(0, 6).Select(_ => server.CreateClient(o => o.SessionStore = store))];
        try
        {
            await Task.WhenAll(clients.Select(c => c.Account.GetInfoAsync(Ct)));
            account.ExpireTokens();

            FileDetails[] files = await BoundedResultAsync(() => Task.WhenAll(
                clients.SelectMany((client, n) => Enumerable.Range(1, 10).Select(call => client.Files.GetInfoAsync(new FileId(n * 100 + call), Ct)))));

            Assert.Equal(60, files.Length);
            Assert.Equal(2, server.CountOf("authorize")); // the fleet's first sign-in, and one for the expiry
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
        }
    }

    [Fact]
    public async Task Calls_SixClientsWithoutAStore_TradeTokens()
    {
        // The same load without a store: each client's sign-in kills the others' tokens (the storm the store prevents).
        var account = new OneTokenAccount();
        using var server = new RawHttpServer().Handle(account.Answer);
        UploadClient[] clients = [.. Enumerable.Range(0, 6).Select(_ => server.CreateClient())];
        try
        {
            await BoundedAsync(() => Task.WhenAll(clients.Select(c => c.Account.GetInfoAsync(Ct))));
            Assert.True(server.CountOf("authorize") >= 6, $"every client signed in on its own ({server.CountOf("authorize")} sign-ins)");
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
        }
    }

    [Fact]
    public async Task Calls_StoreThrows_SucceedWithoutItAndWarnOnce()
    {
        var account = new OneTokenAccount();
        var store = new BrokenSessionStore();
        var collector = new FakeLogCollector();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var server = new RawHttpServer().Handle(account.Answer);
        using var client = new UploadClient(server.Options(o => o.SessionStore = store), loggerFactory);

        await client.Account.GetInfoAsync(Ct);
        account.ExpireTokens();
        await client.Files.GetInfoAsync(new FileId(7), Ct);

        Assert.Equal(2, account.Served);
        Assert.Equal(2, server.CountOf("authorize")); // as without a store: the first sign-in and the one after the expiry
        Assert.True(store.Calls >= 2, "the store was asked each time");
        FakeLogRecord warning = Assert.Single(collector.GetSnapshot(), r => r.Id.Name == "SessionStoreUnavailable");
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task DisposeAsync_SharedSession_LeavesTheFleetsTokenAlone()
    {
        var account = new OneTokenAccount();
        var store = new InMemorySessionStore();
        using var server = new RawHttpServer().Handle(account.Answer);
        var leaving = server.CreateClient(o => o.SessionStore = store);
        using var staying = server.CreateClient(o => o.SessionStore = store);
        await leaving.Account.GetInfoAsync(Ct);

        await leaving.DisposeAsync();
        await staying.Files.GetInfoAsync(new FileId(1), Ct);

        Assert.Equal(0, server.CountOf("disable_access_token"));
        Assert.Equal(1, server.CountOf("authorize"));
        Assert.Equal(2, account.Served);
    }

    [Fact]
    public async Task SignOutAsync_SharedSession_DisablesTheTokenAndClearsTheStore()
    {
        var account = new OneTokenAccount();
        var store = new InMemorySessionStore();
        using var server = new RawHttpServer().Handle(account.Answer);
        using var client = server.CreateClient(o => o.SessionStore = store);
        await client.Account.GetInfoAsync(Ct);
        UploadSessionKey key = UploadSessionKey.For(server.Options());
        Assert.NotNull(store.Peek(key));

        await client.SignOutAsync(Ct);

        Assert.Equal(1, server.CountOf("disable_access_token"));
        Assert.Null(store.Peek(key));
        Assert.Equal(1, store.Removals);
    }

    [Fact]
    public async Task AddUploadClient_TwoProvidersUseOneStore_OneSignInForBoth()
    {
        var account = new OneTokenAccount();
        var store = new InMemorySessionStore();
        using var server = new RawHttpServer().Handle(account.Answer);
        ServiceProvider Instance()
        {
            var services = new ServiceCollection();
            services.AddUploadClient(o =>
            {
                UploadClientOptions settings = server.Options();
                o.BaseAddress = settings.BaseAddress;
                o.Key1 = settings.Key1;
                o.Key2 = settings.Key2;
                o.AllowInsecureHttp = true;
            }).UseUploadSessionStore(_ => store);
            return services.BuildServiceProvider();
        }

        await using ServiceProvider first = Instance();
        await using ServiceProvider second = Instance();
        await first.GetRequiredService<IUploadClient>().Account.GetInfoAsync(Ct);
        await second.GetRequiredService<IUploadClient>().Files.GetInfoAsync(new FileId(3), Ct);

        Assert.Equal(1, server.CountOf("authorize"));
        Assert.Equal(2, account.Served);
    }

    [Fact]
    public void AddUploadClient_ConfigurationWithASessionStoreSection_IgnoresItAndStarts()
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upload:BaseAddress"] = "https://upload.example.com/api/v2/",
            ["Upload:Key1"] = new string('a', 64),
            ["Upload:Key2"] = new string('b', 64),
            ["Upload:SessionStore:Type"] = "Redis",
            ["Upload:SessionStore:Configuration"] = "127.0.0.1:6379",
        }).Build().GetSection("Upload");
        var services = new ServiceCollection();
        services.AddUploadClient(section);
        using ServiceProvider provider = services.BuildServiceProvider();

        UploadClientOptions options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<UploadClientOptions>>().Value;

        Assert.Null(options.SessionStore);
        Assert.NotNull(provider.GetRequiredService<IUploadClient>());
    }

    [Fact]
    public void UploadSessionKey_SameServerAndKeys_SameIdWithoutTheCredentials()
    {
        var options = new UploadClientOptions { Key1 = new string('a', 64), Key2 = new string('b', 64) };
        UploadSessionKey key = UploadSessionKey.For(options);
        UploadSessionKey again = UploadSessionKey.For(options.Clone());
        UploadSessionKey otherKeys = UploadSessionKey.For(new UploadClientOptions { Key1 = new string('a', 64), Key2 = new string('c', 64) });

        Assert.Equal(key.Id, again.Id);
        Assert.NotEqual(key.Id, otherKeys.Id);
        Assert.DoesNotContain("aaaaaaaa", key.Id, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(key.ProtectionKey.Span), key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(key.Id, Convert.ToHexString(key.ProtectionKey.Span).ToLowerInvariant());
    }

    private static async Task<T> BoundedResultAsync<T>(Func<Task<T>> call)
    {
        T result = default!;
        await BoundedAsync(async () => result = await call());
        return result;
    }
}
