using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>Receives one upload's bytes as they arrive, hashing them, and becomes its <see cref="FileContent"/> once complete.</summary>
internal sealed class UploadSink : IAsyncDisposable
{
#pragma warning disable CA5351 // The API's "hash" is the MD5 of the content; it identifies, it does not protect.
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private readonly string? path;
    private FileStream? file;
    private long length;
    private bool completed;

    private UploadSink(string? path) => this.path = path;

    /// <summary>A sink that keeps the bytes in a file at <paramref name="path"/>.</summary>
    public static UploadSink ToFile(string path) => new(path);

    /// <summary>A sink that keeps only the length and the MD5.</summary>
    public static UploadSink HashOnly() => new(null);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        md5.AppendData(bytes.Span);
        length += bytes.Length;
        if (path is not null)
        {
            file ??= new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The complete upload, as content a file record can hold.</summary>
    public async ValueTask<FileContent> CompleteAsync()
    {
        completed = true;
        string hash = LowerHex.Of(md5.GetHashAndReset());
        if (path is not null)
        {
            if (file is null)
            {
                await File.WriteAllBytesAsync(path, []).ConfigureAwait(false); // an empty part still has a (zero-byte) file
            }
            else
            {
                await file.DisposeAsync().ConfigureAwait(false);
                file = null;
            }

            return new DiskContent(path, length, hash);
        }

        return new HashOnlyContent(length, hash);
    }

    /// <summary>Throws away what arrived unless <see cref="CompleteAsync"/> made it content.</summary>
    public async ValueTask DisposeAsync()
    {
        md5.Dispose();
        if (file is not null)
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }

        if (!completed && path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
