using System.Runtime.CompilerServices;
using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CodeGoodly.Upload.Tests.DependencyInjection;

/// <summary>
/// What the container keeps of the clients it hands out: nothing per resolution. A container keeps every transient
/// <see cref="IDisposable"/> it creates until it is disposed itself, so a disposable client resolved per request from the
/// root provider would pile up for the life of the application.
/// </summary>
public sealed class ClientLifetimeTests
{
    private const int Resolutions = 1000;

    public static TheoryData<string?> Registrations => new() { (string?)null, "backup" };

    [Theory]
    [MemberData(nameof(Registrations))]
    public async Task Resolve_1000TimesFromTheRootProvider_KeepsNoClientAlive(string? key)
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AddUploadClientTests.AccountJson);
        await using ServiceProvider provider = BuildProvider(api, key);

        Dictionary<Type, WeakReference[]> resolved = ResolveEveryService(provider, key);
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        foreach ((Type service, WeakReference[] references) in resolved)
        {
            int alive = references.Select(r => r.Target).Where(target => target is not null).Distinct(ReferenceEqualityComparer.Instance).Count();
            Assert.True(alive <= 1, $"{Resolutions} resolutions of {service.Name} left {alive} distinct instances alive.");
        }

        // The clients that were handed out still work, on the registration's one token.
        await Service<IUploadClient>(provider, key).Account.GetInfoAsync(TestContext.Current.CancellationToken);
        await Service<UploadClient>(provider, key).Account.GetInfoAsync(TestContext.Current.CancellationToken);
        Assert.Single(api.RequestsTo("authorize"));
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Registrations_Lifetimes_NothingDisposableIsTransient(string? key)
    {
        using var api = new ApiServer();
        var services = new ServiceCollection();
        Register(services, api, key);
        using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        ServiceDescriptor Descriptor(Type type) => Assert.Single(services, d => d.ServiceType == type && Equals(d.ServiceKey, key));

        // The concrete client is IDisposable: one per registration, which the container disposes when it ends.
        Assert.Equal(ServiceLifetime.Singleton, Descriptor(typeof(UploadClient)).Lifetime);
        Assert.Same(Service<UploadClient>(provider, key), Service<UploadClient>(provider, key));

        // The interfaces are transient, as typed clients are, and what they hand out has nothing to dispose.
        foreach (Type type in new[] { typeof(IUploadClient), typeof(IAccountClient), typeof(IFilesClient), typeof(IFoldersClient), typeof(IAdminClient), typeof(ITransfersClient) })
        {
            Assert.Equal(ServiceLifetime.Transient, Descriptor(type).Lifetime);
            object instance = key is null ? provider.GetRequiredService(type) : provider.GetRequiredKeyedService(type, key);
            Assert.False(instance is IDisposable or IAsyncDisposable, $"{type.Name} resolves to a disposable {instance.GetType().Name}.");
        }
    }

    [Fact]
    public async Task UploadClientFromTheContainer_DisposedByTheUser_OthersKeepWorkingAndTheTokenStays()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AddUploadClientTests.AccountJson)
            .Given("disable_access_token", """{"_status":"success"}""");
        await using ServiceProvider provider = BuildProvider(api, key: null);
        UploadClient shared = provider.GetRequiredService<UploadClient>();
        await shared.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await shared.DisposeAsync();
        shared.Dispose();
        await provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredService<UploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/account/info", "/api/v2/account/info"], api.Paths());
    }

    [Fact]
    public async Task SignOutAsync_OnTheInjectedInterface_DisablesTheRegistrationsToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AddUploadClientTests.AccountJson)
            .Given("disable_access_token", """{"_status":"success"}""");
        await using ServiceProvider provider = BuildProvider(api, key: null);
        IUploadClient client = provider.GetRequiredService<IUploadClient>();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.SignOutAsync(TestContext.Current.CancellationToken);

        api.AssertFormPost("disable_access_token", ApiServer.WithSession());
        await provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token", "/api/v2/authorize", "/api/v2/account/info"], api.Paths());
    }

    [Fact]
    public async Task Admin_OnTheInjectedInterface_ListsPackages()
    {
        using var api = new ApiServer().GivenAuthorize().Given("package/listing", """{"data":{"packages":[{"id":"1","label":"Free"}]},"_status":"success"}""");
        await using ServiceProvider provider = BuildProvider(api, key: null);

        IReadOnlyList<AccountPackage> packages = await provider.GetRequiredService<IUploadClient>().Admin.ListPackagesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Free", Assert.Single(packages).Label);
        api.AssertFormPost("package/listing", ApiServer.WithSession());
    }

    [Fact]
    public async Task UploadClientFromTheContainer_SendsThroughTheRegisteredPipelineAndClientSettings()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AddUploadClientTests.AccountJson);
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddUploadClient(AddUploadClientTests.Section(AddUploadClientTests.Settings(api)))
            .ConfigureHttpClient(http => http.DefaultRequestHeaders.Add("X-Tenant", "north"))
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);

        await provider.GetRequiredService<UploadClient>().Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], seen);
        Assert.Equal("north", ApiServer.HeaderOf(Assert.Single(api.RequestsTo("account/info")), "X-Tenant"));
    }

    private static ServiceProvider BuildProvider(ApiServer api, string? key)
    {
        var services = new ServiceCollection();
        Register(services, api, key);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static void Register(ServiceCollection services, ApiServer api, string? key)
    {
        if (key is null)
        {
            services.AddUploadClient(AddUploadClientTests.Section(AddUploadClientTests.Settings(api)));
        }
        else
        {
            services.AddKeyedUploadClient(key, AddUploadClientTests.Section(AddUploadClientTests.Settings(api)));
        }
    }

    private static T Service<T>(IServiceProvider provider, string? key)
        where T : notnull =>
        key is null ? provider.GetRequiredService<T>() : provider.GetRequiredKeyedService<T>(key);

    /// <summary>Resolves every service of the registration many times from the root provider and keeps only weak references to what came back.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dictionary<Type, WeakReference[]> ResolveEveryService(ServiceProvider provider, string? key)
    {
        var resolved = new Dictionary<Type, WeakReference[]>();
        foreach (Type type in new[] { typeof(IUploadClient), typeof(UploadClient), typeof(IAccountClient), typeof(IFilesClient), typeof(IFoldersClient), typeof(IAdminClient), typeof(ITransfersClient) })
        {
            var references = new WeakReference[Resolutions];
            for (int i = 0; i < Resolutions; i++)
            {
                references[i] = new WeakReference(key is null ? provider.GetRequiredService(type) : provider.GetRequiredKeyedService(type, key));
            }

            resolved[type] = references;
        }

        return resolved;
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
