namespace CodeGoodly.Upload.AspNetCore.EmbeddedApi;

/// <summary>An API server the sample runs in-process when no real credentials are configured.</summary>
public interface IEmbeddedUploadApi : IDisposable, IAsyncDisposable
{
    /// <summary>Points a client at this server: its base address, its keys, plain http allowed.</summary>
    void ConfigureClient(UploadClientOptions options);
}
