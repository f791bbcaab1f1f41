using CodeGoodly.Upload;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets the clients of one <c>AddUploadClient</c> registration share their session through an <see cref="IUploadSessionStore"/>.</summary>
public static class UploadSessionStoreExtensions
{
    /// <summary>
    /// Shares the session of this registration's clients through the store <paramref name="create"/> returns: created once,
    /// when first needed, and disposed with the service provider (if it is <see cref="IDisposable"/>).
    /// </summary>
    /// <param name="builder">The builder <c>AddUploadClient</c> or <c>AddKeyedUploadClient</c> returned.</param>
    /// <param name="create">Creates the store, e.g. <c>_ =&gt; new RedisUploadSessionStore("redis:6379")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>The store is registered as a keyed singleton <see cref="IUploadSessionStore"/> under <see cref="IHttpClientBuilder.Name"/>.</remarks>
    public static IHttpClientBuilder UseUploadSessionStore(this IHttpClientBuilder builder, Func<IServiceProvider, IUploadSessionStore> create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.AddKeyedSingleton(builder.Name, (provider, _) => create(provider));
        return builder;
    }
}
