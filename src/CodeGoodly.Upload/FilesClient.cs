using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload;

/// <summary>The <c>/file/*</c> endpoints, and the streamed transfers built on them.</summary>
internal sealed class FilesClient(IUploadApi api, WireMapper mapper, FileDownloader downloader, AccountClient account, UploadClientOptions options) : IFilesClient
{
    private const string OctetStream = "application/octet-stream";

    public Task<UploadedFile> UploadAsync(Stream content, string fileName, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.ReadableStream(content, nameof(content));
        Guard.Name(fileName, nameof(fileName));
        string folder = Guard.Destination(folderId, nameof(folderId), root: string.Empty);
        var file = new UploadFileContent(content, fileName, OctetStream, progress, options.AttemptTimeout);
        CheckPackageAllows(file.Length);
        return ApiCaller.CallAsync("file/upload", ct => api.FileUploadAsync(new UploadStreamPart(file), folder, ct),
            WireJsonContext.Default.WireEnvelopeListWireUploadedFile, ReadUploaded, cancellationToken);
    }

    public async Task<UploadedFile> UploadFileAsync(string path, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no file to upload at '{path}'.", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await UploadAsync(stream, Path.GetFileName(path), folderId, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<DownloadLink> GetDownloadLinkAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
        return ApiCaller.CallAsync("file/download", ct => api.FileDownloadAsync(form, ct), WireJsonContext.Default.WireEnvelopeWireDownloadLink,
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
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
        return CallFileAsync("file/info", ct => api.FileInfoAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> EditAsync(FileId fileId, FileChanges changes, CancellationToken cancellationToken = default)
    {
        string id = Guard.Id(fileId, nameof(fileId));
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
            FolderId = changes.FolderId is { } folder ? Guard.Id(folder, nameof(changes)) : string.Empty,
        };
        return CallFileAsync("file/edit", ct => api.FileEditAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> DeleteAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
        return CallFileAsync("file/delete", ct => api.FileDeleteAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> MoveAsync(FileId fileId, FolderId? newParentFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileMoveForm
        {
            FileId = Guard.Id(fileId, nameof(fileId)),
            NewParentFolderId = Guard.Destination(newParentFolderId, nameof(newParentFolderId), root: "null"),
        };
        return CallFileAsync("file/move", ct => api.FileMoveAsync(form, ct), cancellationToken);
    }

    public Task<FileCopyResult> CopyAsync(FileId fileId, FolderId? copyToFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileCopyForm
        {
            FileId = Guard.Id(fileId, nameof(fileId)),
            CopyToFolderId = Guard.Destination(copyToFolderId, nameof(copyToFolderId), root: "null"),
        };
        return ApiCaller.CallAsync("file/copy", ct => api.FileCopyAsync(form, ct), WireJsonContext.Default.WireCopyEnvelope,
            envelope => new FileCopyResult
            {
                Original = mapper.ToFile(ApiResponseReader.Data(envelope.OriginalFile ?? throw new FormatException("Field 'original_file' is missing."))),
                Copy = mapper.ToFile(ApiResponseReader.Data(envelope.NewFile ?? throw new FormatException("Field 'new_file' is missing."))),
            },
            cancellationToken);
    }

    private Task<FileDetails> CallFileAsync(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        ApiCaller.CallAsync(endpoint, send, WireJsonContext.Default.WireEnvelopeWireFile,
            envelope => mapper.ToFile(ApiResponseReader.Data(envelope)), cancellationToken);

    private static UploadedFile ReadUploaded(WireEnvelope<List<WireUploadedFile>> envelope)
    {
        WireUploadedFile item = ApiResponseReader.Data(envelope).OfType<WireUploadedFile>().FirstOrDefault()
            ?? throw new FormatException("Field 'data' holds no uploaded file.");
        if (!string.IsNullOrEmpty(item.Error))
        {
            throw new UploadApiException(ErrorClassifier.FromServerMessage("file/upload", item.Error), "file/upload", httpStatus: 200, serverMessage: item.Error);
        }

        return WireMapper.ToUploadedFile(item);
    }

    /// <summary>Refuses, before sending a byte, an upload the account's package (when already read) would refuse.</summary>
    private void CheckPackageAllows(long? length)
    {
        if (account.KnownPackage is not { } package)
        {
            return;
        }

        if (!package.CanUpload)
        {
            throw new UploadApiException(UploadErrorKind.Forbidden, "file/upload",
                $"file/upload refused before sending: the account's package '{package.Label}' may not upload files (can_upload is 0).");
        }

        if (package.MaxUploadSize > 0 && length > package.MaxUploadSize)
        {
            throw new UploadApiException(UploadErrorKind.Forbidden, "file/upload",
                $"file/upload refused before sending: the file is {length} bytes but the package '{package.Label}' allows at most {package.MaxUploadSize} bytes.");
        }
    }
}
