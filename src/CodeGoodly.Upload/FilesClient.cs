using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Transfers;

namespace CodeGoodly.Upload;

/// <summary>The <c>/file/*</c> endpoints: validates the arguments, calls, maps the answers; the transfers themselves are <see cref="FileUploader"/> and <see cref="FileDownloader"/>.</summary>
internal sealed class FilesClient(IUploadApi api, WireMapper mapper, FileUploader uploader, FileDownloader downloader) : IFilesClient
{
    public Task<UploadedFile> UploadAsync(Stream content, string fileName, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.ReadableStream(content, nameof(content));
        long? length = content.CanSeek ? Math.Max(0, content.Length - content.Position) : null;
        return StartUpload(content, length, fileName, folderId, progress, cancellationToken);
    }

    public Task<UploadedFile> UploadAsync(Stream content, long contentLength, string fileName, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.ReadableStream(content, nameof(content));
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        if (content.CanSeek && content.Length - content.Position < contentLength)
        {
            throw new ArgumentOutOfRangeException(nameof(contentLength), contentLength,
                $"The stream holds only {Math.Max(0, content.Length - content.Position)} bytes after its current position.");
        }

        return StartUpload(content, contentLength, fileName, folderId, progress, cancellationToken);
    }

    public async Task<UploadedFile> UploadFileAsync(string path, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no file to upload at '{path}'.", path);
        }

        FileStream stream = FileUploader.OpenFile(path);
        await using (stream.ConfigureAwait(false))
        {
            return await UploadAsync(stream, Path.GetFileName(path), folderId, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks everything that can be checked before a byte is sent (synchronously, so bad input throws at the call), then sends.</summary>
    private Task<UploadedFile> StartUpload(Stream content, long? length, string fileName, FolderId? folderId,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Guard.Name(fileName, nameof(fileName));
        string folder = WireFormat.Destination(Guard.Destination(folderId, nameof(folderId)), root: string.Empty);
        uploader.ThrowIfPackageRefuses(length);
        return uploader.UploadAsync(content, length, fileName, folder, progress, cancellationToken);
    }

    public Task<DownloadLink> GetDownloadLinkAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = WireFormat.Id(Guard.Id(fileId, nameof(fileId))) };
        return ApiCaller.CallAsync(Endpoints.FileDownload, ct => api.FileDownloadAsync(form, ct), WireJsonContext.Default.WireEnvelopeWireDownloadLink,
            envelope => WireMapper.ToDownloadLink(ApiResponseReader.Data(envelope)), cancellationToken);
    }

    public Task DownloadAsync(FileId fileId, Stream destination, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(fileId, nameof(fileId));
        Guard.WritableStream(destination, nameof(destination));
        return downloader.DownloadAsync(ct => GetDownloadLinkAsync(fileId, ct), destination, progress, cancellationToken);
    }

    public async Task DownloadToFileAsync(FileId fileId, string path, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(fileId, nameof(fileId));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' to download into does not exist.");
        }

        // Download beside the target and rename on success: a failure never leaves a truncated file under the target's name.
        string partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.part");
        try
        {
            var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await DownloadAsync(fileId, stream, progress, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    public Task<FileDetails> GetInfoAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = WireFormat.Id(Guard.Id(fileId, nameof(fileId))) };
        return CallFileAsync(Endpoints.FileInfo, ct => api.FileInfoAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> EditAsync(FileId fileId, FileChanges changes, CancellationToken cancellationToken = default)
    {
        string id = WireFormat.Id(Guard.Id(fileId, nameof(fileId)));
        ArgumentNullException.ThrowIfNull(changes);
        if (changes is { FileName: null, FileType: null, FolderId: null })
        {
            throw new ArgumentException("FileChanges must set at least one of FileName, FileType or FolderId.", nameof(changes));
        }

        var form = new FileEditForm
        {
            FileId = id,
            FileName = Guard.OptionalName(changes.FileName, nameof(changes)) ?? string.Empty,
            FileType = changes.FileType is null ? string.Empty : Guard.Name(changes.FileType, nameof(changes)),
            FolderId = changes.FolderId is { } folder ? WireFormat.Id(Guard.Id(folder, nameof(changes))) : string.Empty,
        };
        return CallFileAsync(Endpoints.FileEdit, ct => api.FileEditAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> DeleteAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = WireFormat.Id(Guard.Id(fileId, nameof(fileId))) };
        return CallFileAsync(Endpoints.FileDelete, ct => api.FileDeleteAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> MoveAsync(FileId fileId, FolderId? newParentFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileMoveForm
        {
            FileId = WireFormat.Id(Guard.Id(fileId, nameof(fileId))),
            NewParentFolderId = WireFormat.Destination(Guard.Destination(newParentFolderId, nameof(newParentFolderId)), root: "null"),
        };
        return CallFileAsync(Endpoints.FileMove, ct => api.FileMoveAsync(form, ct), cancellationToken);
    }

    public Task<FileCopyResult> CopyAsync(FileId fileId, FolderId? copyToFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileCopyForm
        {
            FileId = WireFormat.Id(Guard.Id(fileId, nameof(fileId))),
            CopyToFolderId = WireFormat.Destination(Guard.Destination(copyToFolderId, nameof(copyToFolderId)), root: "null"),
        };
        return ApiCaller.CallAsync(Endpoints.FileCopy, ct => api.FileCopyAsync(form, ct), WireJsonContext.Default.WireCopyEnvelope,
            envelope => new FileCopyResult
            {
                Original = mapper.ToFile(ApiResponseReader.Data(envelope.OriginalFile ?? throw new FormatException("Field 'original_file' is missing."))),
                Copy = mapper.ToFile(ApiResponseReader.Data(envelope.NewFile ?? throw new FormatException("Field 'new_file' is missing."))),
            },
            cancellationToken);
    }

    private Task<FileDetails> CallFileAsync(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        ApiCaller.CallAsync(endpoint, send, WireJsonContext.Default.WireEnvelopeWireFile, readFile ??= envelope => mapper.ToFile(ApiResponseReader.Data(envelope)), cancellationToken);

    /// <summary>The file answer's mapping, one delegate for the client's life.</summary>
    private Func<WireEnvelope<WireFile>, FileDetails>? readFile;


}
