using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.AspNetCore;

/// <summary>
/// Without credentials the sample runs on <see cref="FakeUploadServer"/> from CodeGoodly.Upload.Testing, in streaming mode
/// (uploads stored in a temporary folder as they arrive, so any size works) and refusing chunked uploads as many PHP hosts do.
/// </summary>
public static class FakeServerFallback
{
    /// <summary>True when the section holds a key pair or a user name, i.e. the user meant a real server.</summary>
    public static bool HasCredentials(IConfiguration section) =>
        !string.IsNullOrWhiteSpace(section["Key1"]) || !string.IsNullOrWhiteSpace(section["Username"]);

    /// <summary>
    /// Points the client at a fake started on first use (once the application's host is built, so it never competes with it)
    /// and stopped with the application.
    /// </summary>
    public static IServiceCollection AddFakeUploadServer(this IServiceCollection services)
    {
        services.AddSingleton(_ => FakeUploadServer.Start(new FakeUploadServerOptions
        {
            UploadStorage = FakeUploadStorage.Disk,
            RefuseChunkedUploads = true,
        }));
        services.AddOptions<UploadClientOptions>().Configure<FakeUploadServer>((options, fake) =>
        {
            options.BaseAddress = fake.BaseAddress;
            options.Key1 = fake.Key1;
            options.Key2 = fake.Key2;
            options.Username = null;
            options.Password = null;
            options.AllowInsecureHttp = true; // the fake listens on http://127.0.0.1
        });
        return services;
    }
}
