using CodeGoodly.Upload;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="IUploadClient"/> on <see cref="System.Net.Http.IHttpClientFactory"/>: options bound and validated at start-up,
/// the SDK's session handler (tokens) and resilience handler (retries, timeouts) in the pipeline, one shared token per registration.
/// </summary>
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
    /// Registers <see cref="IUploadClient"/> and <see cref="UploadClient"/> (plus <see cref="IAccountClient"/>, <see cref="IFilesClient"/>,
    /// <see cref="IFoldersClient"/>, <see cref="IAdminClient"/>) as transient clients over one named <see cref="HttpClient"/> pipeline.
    /// The options are validated when the host starts; every client resolved shares one access token.
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

        // One token cache per registration: every transient client and every handler the factory rotates in shares it.
        services.AddKeyedSingleton(httpClientName, static (_, _) => new UploadSession());

        IHttpClientBuilder http = services.AddHttpClient(httpClientName, (provider, client) =>
            {
                client.BaseAddress = UploadClient.NormalizedBaseAddress(OptionsFor(provider, optionsName).BaseAddress);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler owns timeouts; transfers are bounded by idleness
            })
            .ConfigurePrimaryHttpMessageHandler(UploadPipeline.CreatePrimaryHandler)
            .AddHttpMessageHandler(provider => new SessionHandler(provider.GetRequiredKeyedService<UploadSession>(httpClientName), OptionsFor(provider, optionsName), DiagnosticsFor(provider)))
            .AddHttpMessageHandler(provider => UploadPipeline.CreateResilienceHandler(
                OptionsFor(provider, optionsName), provider.GetRequiredKeyedService<UploadSession>(httpClientName).RetryBudget))
            .AddHttpMessageHandler(provider => new UploadTelemetryHandler(DiagnosticsFor(provider)));

        // Last of all the handler set-ups (a post-configuration runs after every ConfigurePrimaryHttpMessageHandler of the app):
        // whatever primary handler the app chose, it must not follow an API call's body to wherever a 307/308 points.
        services.PostConfigure<Microsoft.Extensions.Http.HttpClientFactoryOptions>(httpClientName, factory =>
            factory.HttpMessageHandlerBuilderActions.Add(static builder => UploadPipeline.RefuseAutoRedirect(builder.PrimaryHandler)));

        UploadClient Create(IServiceProvider provider) => new(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
            OptionsFor(provider, optionsName),
            provider.GetRequiredKeyedService<UploadSession>(httpClientName),
            signOutOnDispose: false,
            ownsHttp: false);

        if (serviceKey is null)
        {
            services.AddTransient(Create);
            services.AddTransient<IUploadClient>(static provider => provider.GetRequiredService<UploadClient>());
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Account);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Files);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Folders);
            services.AddTransient(static provider => provider.GetRequiredService<UploadClient>().Admin);
        }
        else
        {
            services.AddKeyedTransient(serviceKey, (provider, _) => Create(provider));
            services.AddKeyedTransient<IUploadClient>(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key));
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Account);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Files);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Folders);
            services.AddKeyedTransient(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<UploadClient>(key).Admin);
        }

        return http;
    }

    private static void Bind(OptionsBuilder<UploadClientOptions> options, IConfiguration section)
    {
        // The binding generator skips ServerTimeZone (TimeZoneInfo has no constructor to bind to: SYSLIB1100/1101, see the .csproj); it is read as an id below.
        options.Bind(section);

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

    private static UploadClientOptions OptionsFor(IServiceProvider provider, string optionsName) =>
        provider.GetRequiredService<IOptionsMonitor<UploadClientOptions>>().Get(optionsName);

    private static UploadDiagnostics DiagnosticsFor(IServiceProvider provider) =>
        UploadDiagnostics.From(provider.GetService<ILoggerFactory>());
}
