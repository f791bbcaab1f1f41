using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CodeGoodly.Upload.Tests.DependencyInjection;

public sealed class AddUploadClientTests
{
    internal const string AccountJson = """{"data":{"id":"158642","username":"admin","level_id":"20","email":"[email protected]","lastlogindate":"2017-02-18 11:43:39","status":"active","datecreated":null},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";

    internal static Dictionary<string, string?> Settings(ApiServer api, string section = "CodeGoodlyUpload") => new()
    {
        [$"{section}:BaseAddress"] = api.BaseAddress.ToString(),
        [$"{section}:Key1"] = ApiServer.Key1,
        [$"{section}:Key2"] = ApiServer.Key2,
        [$"{section}:AllowInsecureHttp"] = "true",
        [$"{section}:RetryBaseDelay"] = "00:00:00.010",
    };

    internal static IConfigurationSection Section(Dictionary<string, string?> settings, string section = "CodeGoodlyUpload") =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section);

    [Fact]
    public async Task AddUploadClient_BoundFromConfiguration_ResolvesClientThatCallsTheApi()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        var settings = Settings(api);
        settings["CodeGoodlyUpload:ServerTimeZone"] = "Europe/London";
        settings["CodeGoodlyUpload:AttemptTimeout"] = "00:00:42";
        settings["CodeGoodlyUpload:MaxRetries"] = "2";
        var services = new ServiceCollection();
        services.AddUploadClient(Section(settings));
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        IUploadClient client = provider.GetRequiredService<IUploadClient>();
        AccountInfo account = await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(158642, account.Id);
        Assert.Equal("admin", account.Username);
        // Europe/London is UTC+0 in February: 11:43:39 there is 11:43:39 UTC.
        Assert.Equal(new DateTimeOffset(2017, 2, 18, 11, 43, 39, TimeSpan.Zero), account.LastLoginDate);
        var form = ApiServer.FormOf(Assert.Single(api.RequestsTo("account/info")));
        Assert.Equal(ApiServer.Token, form["access_token"]);
        Assert.Equal(ApiServer.AccountId, form["account_id"]);
        var authorize = ApiServer.FormOf(Assert.Single(api.RequestsTo("authorize")));
        Assert.Equal(ApiServer.Key1, authorize["key1"]);
        Assert.Equal(ApiServer.Key2, authorize["key2"]);

        UploadClientOptions bound = provider.GetRequiredService<IOptionsMonitor<UploadClientOptions>>().Get(Options.DefaultName);
        Assert.Equal(api.BaseAddress, bound.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(42), bound.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(10), bound.RetryBaseDelay);
        Assert.Equal(2, bound.MaxRetries);
        Assert.True(bound.AllowInsecureHttp);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), bound.ServerTimeZone);
    }

    [Fact]
    public async Task AddUploadClient_WithDelegate_RegistersEveryClientFacet()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AccountJson)
            .Given("folder/listing", """{"data":{"folders":[],"files":[]},"_status":"success"}""");
        var services = new ServiceCollection();
        services.AddUploadClient(options =>
        {
            options.BaseAddress = api.BaseAddress;
            options.Key1 = ApiServer.Key1;
            options.Key2 = ApiServer.Key2;
            options.AllowInsecureHttp = true;
        });
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        AccountInfo account = await provider.GetRequiredService<IAccountClient>().GetInfoAsync(TestContext.Current.CancellationToken);
        FolderListing root = await provider.GetRequiredService<IFoldersClient>().ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(158642, account.Id);
        Assert.Empty(root.Files);
        Assert.NotNull(provider.GetRequiredService<UploadClient>().Admin);
        Assert.NotNull(provider.GetRequiredService<IFilesClient>());
        Assert.NotNull(provider.GetRequiredService<IAdminClient>());
        Assert.NotNull(provider.GetRequiredService<ITransfersClient>());
        Assert.Single(api.RequestsTo("authorize"));
    }

    [Fact]
    public async Task TransientClients_ResolvedManyTimes_ShareOneToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        var services = new ServiceCollection();
        services.AddUploadClient(Section(Settings(api)));
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        var clients = new List<IUploadClient>();
        for (int i = 0; i < 6; i++)
        {
            await using AsyncServiceScope scope = provider.CreateAsyncScope();
            IUploadClient client = scope.ServiceProvider.GetRequiredService<IUploadClient>();
            clients.Add(client);
            await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(6, clients.Distinct().Count());
        Assert.Single(api.RequestsTo("authorize"));
        Assert.Equal(14, api.RequestsTo("account/info").Count);
        Assert.All(api.RequestsTo("account/info"), entry => Assert.Equal(ApiServer.Token, ApiServer.FormOf(entry)["access_token"]));
    }

    [Fact]
    public async Task KeyedClients_TwoAccounts_EachUsesItsOwnServerKeysAndToken()
    {
        const string BackupToken = "backupBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        const string BackupKey1 = "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1";
        using var main = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        using var backup = new ApiServer().GivenAuthorize(BackupToken, "999")
            .Given("account/info", AccountJson.Replace("\"158642\"", "\"999\"", StringComparison.Ordinal));
        var settings = Settings(main, "Upload:Main");
        foreach ((string key, string? value) in Settings(backup, "Upload:Backup"))
        {
            settings[key] = value;
        }

        settings["Upload:Backup:Key1"] = BackupKey1;
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddUploadClient(configuration.GetSection("Upload:Main"));
        services.AddKeyedUploadClient("backup", configuration.GetSection("Upload:Backup"));
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();

        AccountInfo mainAccount = await provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);
        AccountInfo backupAccount = await provider.GetRequiredKeyedService<IUploadClient>("backup").Account.GetInfoAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredKeyedService<IAccountClient>("backup").GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(158642, mainAccount.Id);
        Assert.Equal(999, backupAccount.Id);
        Assert.Equal(ApiServer.Key1, ApiServer.FormOf(Assert.Single(main.RequestsTo("authorize")))["key1"]);
        Assert.Equal(BackupKey1, ApiServer.FormOf(Assert.Single(backup.RequestsTo("authorize")))["key1"]);
        Assert.Equal(ApiServer.Token, ApiServer.FormOf(Assert.Single(main.RequestsTo("account/info")))["access_token"]);
        Assert.All(backup.RequestsTo("account/info"), entry => Assert.Equal(BackupToken, ApiServer.FormOf(entry)["access_token"]));
        Assert.Equal(2, backup.RequestsTo("account/info").Count);
    }

    [Fact]
    public async Task KeyedClient_InjectedWithFromKeyedServices_ReachesItsOwnAccount()
    {
        using var main = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        using var backup = new ApiServer().GivenAuthorize().Given("account/info", AccountJson.Replace("\"158642\"", "\"999\"", StringComparison.Ordinal));
        var services = new ServiceCollection();
        services.AddUploadClient(Section(Settings(main)));
        services.AddKeyedUploadClient("backup", Section(Settings(backup)));
        services.AddTransient<BackupReport>();
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        BackupReport report = provider.GetRequiredService<BackupReport>();
        (AccountInfo primary, AccountInfo secondary) = await report.ReadBothAsync(TestContext.Current.CancellationToken);

        Assert.Equal(158642, primary.Id);
        Assert.Equal(999, secondary.Id);
        Assert.Single(main.RequestsTo("account/info"));
        Assert.Single(backup.RequestsTo("account/info"));
    }

    /// <summary>A service as users write them: the default client and a keyed one injected side by side.</summary>
    private sealed class BackupReport(IUploadClient primary, [FromKeyedServices("backup")] IUploadClient backup)
    {
        public async Task<(AccountInfo Primary, AccountInfo Backup)> ReadBothAsync(CancellationToken cancellationToken) =>
            (await primary.Account.GetInfoAsync(cancellationToken), await backup.Account.GetInfoAsync(cancellationToken));
    }

    [Fact]
    public async Task ReturnedBuilder_AddedHandler_SeesEveryRequestInsideTheSession()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddUploadClient(Section(Settings(api)))
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        await provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], seen);
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.RequestUri!.AbsolutePath);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
