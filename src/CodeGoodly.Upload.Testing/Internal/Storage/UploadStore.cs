using System.Globalization;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>
/// Where streamed uploads go (<see cref="FakeUploadStorage.Disk"/>: files in a temporary directory made on first use and deleted
/// with the fake; <see cref="FakeUploadStorage.HashOnly"/>: nowhere, only their MD5 and length).
/// </summary>
internal sealed class UploadStore(FakeUploadStorage storage, string? parentDirectory) : IDisposable
{
    private readonly object gate = new();
    private string? directory;
    private long nextName;
    private bool disposed;

    public FakeUploadStorage Storage => storage;

    /// <summary>Whether uploads are parsed as they arrive (any mode but <see cref="FakeUploadStorage.Memory"/>).</summary>
    public bool IsStreaming => storage != FakeUploadStorage.Memory;

    /// <summary>A sink for one upload's bytes (streaming modes only: in memory mode WireMock receives the whole body).</summary>
    public UploadSink CreateSink() => storage switch
    {
        FakeUploadStorage.Disk => UploadSink.ToFile(NewPath()),
        FakeUploadStorage.HashOnly => UploadSink.HashOnly(),
        _ => throw new InvalidOperationException($"{storage} storage does not stream uploads."),
    };

    public void Dispose()
    {
        string? toDelete;
        lock (gate)
        {
            disposed = true;
            toDelete = directory;
            directory = null;
        }

        if (toDelete is not null && Directory.Exists(toDelete))
        {
            try
            {
                Directory.Delete(toDelete, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere: the operating system's temporary-file cleanup takes it.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }

    private string NewPath()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (directory is null)
            {
                string parent = parentDirectory ?? Path.GetTempPath();
                Directory.CreateDirectory(parent);
                directory = Path.Combine(parent, "codegoodly-fake-uploads-" + Guid.NewGuid().ToString("N")[..12]);
                Directory.CreateDirectory(directory);
            }

            return Path.Combine(directory, (++nextName).ToString(CultureInfo.InvariantCulture) + ".bin");
        }
    }
}
