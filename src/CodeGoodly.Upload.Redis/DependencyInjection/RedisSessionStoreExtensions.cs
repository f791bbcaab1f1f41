using CodeGoodly.Upload.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares the session of an <c>AddUploadClient</c> registration across a fleet of instances through Redis.</summary>
/// <example>
/// <code>
/// builder.Services.AddUploadClient(builder.Configuration.GetSection("CodeGoodlyUpload"))
///     .UseRedisSessionStore(builder.Configuration.GetConnectionString("Redis")!);
/// </code>
/// </example>
public static class RedisSessionStoreExtensions
{
    /// <summary>
    /// Shares this registration's session through a <see cref="RedisUploadSessionStore"/> with its own connection, made in the background
    /// when the store is first needed and closed with the service provider. Logs through the registered <see cref="ILoggerFactory"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddUploadClient</c> or <c>AddKeyedUploadClient</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>"redis:6379,password=…"</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The configuration string is empty or cannot be parsed.</exception>
    public static IHttpClientBuilder UseRedisSessionStore(this IHttpClientBuilder builder, string configuration) =>
        UseRedisSessionStore(builder, configuration, static _ => { });

    /// <summary>Shares this registration's session through a <see cref="RedisUploadSessionStore"/> with its own connection and the options <paramref name="configure"/> sets.</summary>
    /// <param name="builder">The builder <c>AddUploadClient</c> or <c>AddKeyedUploadClient</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Changes the store's options (key prefix, lock expiry, timeouts).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The configuration string is empty or cannot be parsed, or an option is out of range.</exception>
    public static IHttpClientBuilder UseRedisSessionStore(this IHttpClientBuilder builder, string configuration, Action<RedisUploadSessionStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        ConfigurationOptions.Parse(configuration); // a configuration that cannot be valid fails here, not on the first call
        RedisUploadSessionStoreOptions options = Configured(configure);
        return builder.UseUploadSessionStore(provider => new RedisUploadSessionStore(configuration, options, LoggerFrom(provider)));
    }

    /// <summary>
    /// Shares this registration's session through a <see cref="RedisUploadSessionStore"/> on a connection the application owns
    /// (for example one registered as a singleton <see cref="IConnectionMultiplexer"/> and shared with other Redis users).
    /// </summary>
    /// <param name="builder">The builder <c>AddUploadClient</c> or <c>AddKeyedUploadClient</c> returned.</param>
    /// <param name="connection">Returns the connection; the store never closes it.</param>
    /// <param name="configure">Changes the store's options (key prefix, lock expiry, timeouts); <see langword="null"/> for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IHttpClientBuilder UseRedisSessionStore(this IHttpClientBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connection,
        Action<RedisUploadSessionStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        RedisUploadSessionStoreOptions options = Configured(configure);
        return builder.UseUploadSessionStore(provider => new RedisUploadSessionStore(connection(provider), options, LoggerFrom(provider)));
    }

    private static RedisUploadSessionStoreOptions Configured(Action<RedisUploadSessionStoreOptions>? configure)
    {
        var options = new RedisUploadSessionStoreOptions();
        configure?.Invoke(options);
        return options.Validated(); // out-of-range options fail at registration, not when the store is first needed
    }

    private static ILogger? LoggerFrom(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<RedisUploadSessionStore>();
}
