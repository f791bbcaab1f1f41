namespace CodeGoodly.Upload.AspNetCore.EmbeddedApi;

/// <summary>Decides whether the sample needs its embedded API, and starts it.</summary>
public static class EmbeddedUploadApi
{
    /// <summary>True when the section holds a key pair or a user name, i.e. the user meant a real server.</summary>
    public static bool HasCredentials(IConfiguration section) =>
        !string.IsNullOrWhiteSpace(section["Key1"]) || !string.IsNullOrWhiteSpace(section["Username"]);

    /// <summary>Starts the embedded API on a free loopback port. (The one place to swap in another fake, such as CodeGoodly.Upload.Testing's.)</summary>
    public static IEmbeddedUploadApi Start() => LoopbackUploadApi.Start();

    /// <summary>
    /// Runs the client against the embedded API: started on first use (after the application's host is built, so it never
    /// competes with it), stopped with the application.
    /// </summary>
    public static IServiceCollection UseEmbeddedUploadApi(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedUploadApiHost>();
        services.AddOptions<UploadClientOptions>().Configure<EmbeddedUploadApiHost>((options, host) => host.Api.ConfigureClient(options));
        return services;
    }
}
