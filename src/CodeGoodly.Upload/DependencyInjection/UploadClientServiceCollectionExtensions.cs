using CodeGoodly.Upload;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Resilience;
using CodeGoodly.Upload.Session;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IUploadClient"/> on <see cref="System.Net.Http.IHttpClientFactory"/>: options bound and validated at start-up,
/// the SDK's session handler (tokens) and resilience handler (retries, timeouts) in the pipeline, one shared token per registration.
/// </summary>
/// <remarks>
/// <para>Lifetimes: <see cref="IUploadClient"/>, <see cref="IAccountClient"/>, <see cref="IFilesClient"/>, <see cref="IFoldersClient"/> and
/// <see cref="IAdminClient"/> are transient, like typed HTTP clients, and what they resolve to has nothing to dispose, so they can be
/// resolved per request (from the root provider too) and injected into singletons, and the container keeps none of them.
/// <see cref="UploadClient"/>, which is <see cref="IDisposable"/>, is a singleton: one per registration, behind all of the above.</para>
/// <para>That client sends every request through the handler chain <see cref="System.Net.Http.IHttpClientFactory"/> currently hands out,
/// so it follows the factory's handler rotation. It owns nothing: disposing it does nothing (no sign-out, no connection closed); the
/// container and the factory own the connections. Call <see cref="UploadClient.SignOutAsync"/> to disable the registration's token.</para>
/// </remarks>
/// <example>
/// <code>
/// builder.Services.AddUploadClient(builder.Configuration.GetSection("CodeGoodlyUpload"));
/// builder.Services.AddKeyedUploadClient("backup", builder.Configuration.GetSection("BackupUpload"));
/// app.MapGet("/me", (IUploadClient upload) =&gt; upload.Account.GetInfoAsync());
/// app.MapGet("/backup", ([FromKeyedServices("backup")] IUploadClient backup) =&gt; backup.Folders.ListAsync());
/// </code>
/// </example>
public static class UploadClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IUploadClient"/> and the sub-clients (<see cref="IAccountClient"/>, <see cref="IFilesClient"/>, <see cref="IFoldersClient"/>,
    /// <see cref="IAdminClient"/>, <see cref="ITransfersClient"/>) as transient services and <see cref="UploadClient"/> as a singleton, all over one named <see cref="HttpClient"/>
    /// pipeline (see the class remarks for why). The options are validated when the host starts; every client resolved shares one access token.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (base address, credentials, timeouts).</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddUploadClient(this IServiceCollection services, Action<UploadClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, serviceKey: null, options => options.Configure(configure), section: null);
    }

    /// <summary>
    /// Registers <see cref="IUploadClient"/> and <see cref="UploadClient"/> (and the sub-clients) with options bound from a configuration
    /// section, such as <c>"CodeGoodlyUpload": { "Key1": "…", "Key2": "…" }</c>. <c>ServerTimeZone</c> is read as a time zone id
    /// (<c>"Europe/London"</c>); time spans as <c>"00:01:40"</c>. The options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section holding <see cref="UploadClientOptions"/>'s properties.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddUploadClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Register(services, serviceKey: null, options => Bind(options, section), section);
    }

    /// <summary>
    /// Registers a second (third, …) account: <see cref="IUploadClient"/>, <see cref="UploadClient"/> and the sub-clients as keyed services,
    /// resolved with <c>[FromKeyedServices("backup")] IUploadClient</c> or <c>GetRequiredKeyedService&lt;IUploadClient&gt;("backup")</c>.
    /// Each name has its own options (named options <paramref name="name"/>), its own <see cref="HttpClient"/> and its own token.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddKeyedUploadClient(this IServiceCollection services, string name, Action<UploadClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, options => options.Configure(configure), section: null);
    }

    /// <summary>Registers a keyed client (see <see cref="AddKeyedUploadClient(IServiceCollection, string, Action{UploadClientOptions})"/>) with options bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name.</param>
    /// <param name="section">The configuration section holding this account's <see cref="UploadClientOptions"/>.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddKeyedUploadClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        return Register(services, name, options => Bind(options, section), section);
    }

    private static IHttpClientBuilder Register(IServiceCollection services, string? serviceKey, Action<OptionsBuilder<UploadClientOptions>> configureOptions, IConfiguration? section)
    {
        ArgumentNullException.ThrowIfNull(services);
        string optionsName = serviceKey ?? Options.Options.DefaultName;
        string httpClientName = serviceKey is null ? UploadTelemetry.Name : UploadTelemetry.Name + ":" + serviceKey;

        OptionsBuilder<UploadClientOptions> options = services.AddOptions<UploadClientOptions>(optionsName);
        configureOptions(options);
        services.AddSingleton<IValidateOptions<UploadClientOptions>>(new UploadClientOptionsValidator(optionsName, serviceKey, section));
        options.ValidateOnStart();

        // One token cache per registration: the client and every handler the factory rotates in share it.
        // With a shared store (UseUploadSessionStore, or the options' SessionStore) the cache renews its token through the store.
        services.AddKeyedSingleton(httpClientName, (provider, _) => SessionTokenCache.For(OptionsFor(provider, optionsName), DiagnosticsFor(provider),
            provider.GetKeyedService<IUploadSessionStore>(httpClientName)));

        IHttpClientBuilder http = services.AddHttpClient(httpClientName, (provider, client) =>
            {
                client.BaseAddress = UploadClient.NormalizedBaseAddress(OptionsFor(provider, optionsName).BaseAddress);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler owns timeouts; transfers are bounded by idleness
            })
            .ConfigurePrimaryHttpMessageHandler(ClientPipeline.CreatePrimaryHandler)
            .AddHttpMessageHandler(provider => new SessionHandler(provider.GetRequiredKeyedService<SessionTokenCache>(httpClientName), OptionsFor(provider, optionsName), DiagnosticsFor(provider)))
            .AddHttpMessageHandler(provider => ResiliencePipelines.CreateResilienceHandler(
                OptionsFor(provider, optionsName), provider.GetRequiredKeyedService<SessionTokenCache>(httpClientName).RetryBudget))
            .AddHttpMessageHandler(static () => new AnswerBufferingHandler())
            .AddHttpMessageHandler(provider => new TelemetryHandler(DiagnosticsFor(provider)));

        // Last of all the handler set-ups (a post-configuration runs after every ConfigurePrimaryHttpMessageHandler of the app):
        // whatever primary handler the app chose, it must not follow an API call's body to wherever a 307/308 points.
        services.PostConfigure<Microsoft.Extensions.Http.HttpClientFactoryOptions>(httpClientName, factory =>
            factory.HttpMessageHandlerBuilderActions.Add(static builder => ClientPipeline.RefuseAutoRedirect(builder.PrimaryHandler)));

        // One UploadClient per registration, kept for the container's life (a disposable transient would be kept by the container
        // until it ends, one per resolution). It sends through the factory's current handler chain, so it follows handler rotation,
        // and owns nothing: disposing it (the container does, at the end) neither signs out nor closes anything others use.
        UploadClient CreateShared(IServiceProvider provider) => new(
            CreateFactoryClient(provider, httpClientName),
            OptionsFor(provider, optionsName),
            provider.GetRequiredKeyedService<SessionTokenCache>(httpClientName),
            signOutOnDispose: false,
            ownsHttp: false,
            DiagnosticsFor(provider));

        // The interfaces are transient, as typed clients are; what they resolve to has nothing to dispose, so the container keeps none of them.
        if (serviceKey is null)
        {
            services.AddSingleton(CreateShared);
            services.AddTransient<IUploadClient>(static provider => new RegisteredUploadClient(provider.GetRequiredService<UploadClient>()));
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Account);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Files);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Folders);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Admin);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Transfers);
        }
        else
        {
            services.AddKeyedSingleton(serviceKey, (provider, _) => CreateShared(provider));
            services.AddKeyedTransient<IUploadClient>(serviceKey, static (provider, key) => new RegisteredUploadClient(provider.GetRequiredKeyedService<UploadClient>(key)));
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Account);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Files);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Folders);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Admin);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Transfers);
        }

        return http;
    }

    private static void Bind(OptionsBuilder<UploadClientOptions> options, IConfiguration section)
    {
        // The binding generator skips ServerTimeZone (TimeZoneInfo has no constructor to bind to: SYSLIB1100/1101, see the .csproj); it is read as an id below.
        options.Bind(new CodeGoodly.Upload.DependencyInjection.ConfigurationWithout(section, nameof(UploadClientOptions.SessionStore)));

        // A time zone is configured by its id; TimeZoneInfo itself cannot be bound.
        options.PostConfigure(bound =>
        {
            if (UploadClientOptionsValidator.ConfiguredTimeZoneId(section) is { } zoneId
                && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out TimeZoneInfo? zone))
            {
                bound.ServerTimeZone = zone;
            }
        });
    }

    /// <summary>
    /// An <see cref="HttpClient"/> configured as <see cref="IHttpClientFactory.CreateClient"/> configures the named client (its
    /// <c>ConfigureHttpClient</c> actions), whose requests go through the factory's current handler chain rather than one captured now.
    /// </summary>
    private static HttpClient CreateFactoryClient(IServiceProvider provider, string httpClientName)
    {
        var client = new HttpClient(new FactoryHandlerInvoker(provider.GetRequiredService<IHttpMessageHandlerFactory>(), httpClientName), disposeHandler: true);
        foreach (Action<HttpClient> configure in provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(httpClientName).HttpClientActions)
        {
            configure(client);
        }

        return client;
    }

    private static UploadClientOptions OptionsFor(IServiceProvider provider, string optionsName) =>
        provider.GetRequiredService<IOptionsMonitor<UploadClientOptions>>().Get(optionsName);

    private static UploadDiagnostics DiagnosticsFor(IServiceProvider provider) =>
        UploadDiagnostics.From(provider.GetService<ILoggerFactory>());
}
