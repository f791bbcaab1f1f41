namespace CodeGoodly.Upload.AspNetCore.EmbeddedApi;

/// <summary>Owns the embedded API for the application's lifetime: starts it when first needed, stops it when the container is disposed.</summary>
internal sealed class EmbeddedUploadApiHost : IDisposable, IAsyncDisposable
{
    private readonly Lazy<IEmbeddedUploadApi> api = new(EmbeddedUploadApi.Start);

    public IEmbeddedUploadApi Api => api.Value;

    public void Dispose()
    {
        if (api.IsValueCreated)
        {
            api.Value.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (api.IsValueCreated)
        {
            await api.Value.DisposeAsync();
        }
    }
}
