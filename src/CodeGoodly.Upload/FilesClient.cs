using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload;

/// <summary>The <c>/file/*</c> endpoints, and the streamed transfers built on them.</summary>
internal sealed class FilesClient(IUploadApi api, WireMapper mapper, FileDownloader downloader, AccountClient account, UploadClientOptions options) : IFilesClient
{
    private const string OctetStream = "application/octet-stream";

    private const string ChunkedUploadHint = " The upload was sent without Content-Length (chunked); many PHP hosts see no file in a chunked body: "
        + "pass the length (UploadAsync(stream, contentLength, …)) or a seekable stream.";

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

        // No FileStream buffer: the upload reads 128 KiB at a time straight into its own pooled buffer.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
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
        string folder = Guard.Destination(folderId, nameof(folderId), root: string.Empty);
        if (PackageRefusal(length) is { } refusal)
        {
            throw refusal;
        }

        return SendUploadAsync(content, length, fileName, folder, progress, cancellationToken);
    }

    private async Task<UploadedFile> SendUploadAsync(Stream content, long? length, string fileName, string folder,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        // The whole upload is bounded by idleness, not by length: the watchdog fires only when AttemptTimeout passes with
        // no connection, no bytes moving and no answer.
        using var watchdog = new TransferWatchdog(options.AttemptTimeout, cancellationToken);
        Func<long, Exception?>? checkSize = length is null && account.KnownPackage is not null ? sent => PackageRefusal(sent, atLeast: true) : null;
        var file = new UploadFileContent(content, length, fileName, OctetStream, progress, watchdog, checkSize);
        var body = new MultipartFormBody([new(UploadFormFields.FolderId, folder)], UploadFormFields.File, file);
        try
        {
            return await ApiCaller.CallAsync(Endpoints.FileUpload, ct => api.FileUploadAsync(body, ct),
                WireJsonContext.Default.WireEnvelopeListWireUploadedFile, ReadUploaded, watchdog.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && TranslateUploadFailure(failure, file, watchdog) is { } translated)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(translated);
            throw;
        }
    }

    /// <summary>
    /// Says what really happened to a failed upload: the caller's stream failed, the watchdog saw no progress, the
    /// connection broke before the whole body was sent (the server cannot have stored a truncated body, so the outcome is known),
    /// or a host that cannot read chunked bodies saw no file.
    /// </summary>
    private static Exception? TranslateUploadFailure(Exception failure, UploadFileContent file, TransferWatchdog watchdog)
    {
        if (file.LocalFailure is { } local)
        {
            return local;
        }

        if (failure is UploadApiException { ServerMessage: { } said } noFile && file.Length is null
            && said.StartsWith("Did not receive uploaded file", StringComparison.OrdinalIgnoreCase))
        {
            return new UploadApiException(noFile.Kind, noFile.Endpoint, noFile.Message + ChunkedUploadHint, noFile.HttpStatus, noFile.ServerMessage, noFile)
            {
                IsOutcomeUnknown = noFile.IsOutcomeUnknown,
            };
        }

        string sent = file.Length is long total ? $"{file.BytesSent} of {total} bytes" : $"{file.BytesSent} bytes";
        if (watchdog.HasFired)
        {
            bool unknown = file.BodyCompleted;
            return new UploadApiException(UploadErrorKind.Network, Endpoints.FileUpload,
                $"{Endpoints.FileUpload} failed (Network): {watchdog.Describe("the upload")} after {sent} were sent."
                + (unknown ? " The whole file was sent, so the server may have stored it: check before repeating the upload." : " The server cannot have stored a partial upload."),
                innerException: failure) { IsOutcomeUnknown = unknown };
        }

        if (failure is UploadApiException { Kind: UploadErrorKind.Network, IsOutcomeUnknown: true } network && !file.BodyCompleted)
        {
            return new UploadApiException(UploadErrorKind.Network, Endpoints.FileUpload,
                $"{Endpoints.FileUpload} failed (Network): the connection broke after {sent} were sent, so the server cannot have stored the file.",
                innerException: network.InnerException ?? network);
        }

        return null;
    }

    public Task<DownloadLink> GetDownloadLinkAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
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
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
        return CallFileAsync(Endpoints.FileInfo, ct => api.FileInfoAsync(form, ct), cancellationToken);
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
        return CallFileAsync(Endpoints.FileEdit, ct => api.FileEditAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> DeleteAsync(FileId fileId, CancellationToken cancellationToken = default)
    {
        var form = new FileIdForm { FileId = Guard.Id(fileId, nameof(fileId)) };
        return CallFileAsync(Endpoints.FileDelete, ct => api.FileDeleteAsync(form, ct), cancellationToken);
    }

    public Task<FileDetails> MoveAsync(FileId fileId, FolderId? newParentFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileMoveForm
        {
            FileId = Guard.Id(fileId, nameof(fileId)),
            NewParentFolderId = Guard.Destination(newParentFolderId, nameof(newParentFolderId), root: "null"),
        };
        return CallFileAsync(Endpoints.FileMove, ct => api.FileMoveAsync(form, ct), cancellationToken);
    }

    public Task<FileCopyResult> CopyAsync(FileId fileId, FolderId? copyToFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FileCopyForm
        {
            FileId = Guard.Id(fileId, nameof(fileId)),
            CopyToFolderId = Guard.Destination(copyToFolderId, nameof(copyToFolderId), root: "null"),
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

    private static UploadedFile ReadUploaded(WireEnvelope<List<WireUploadedFile>> envelope)
    {
        WireUploadedFile item = ApiResponseReader.Data(envelope).OfType<WireUploadedFile>().FirstOrDefault()
            ?? throw new FormatException("Field 'data' holds no uploaded file.");
        if (!string.IsNullOrEmpty(item.Error))
        {
            throw new UploadApiException(ErrorClassifier.FromServerMessage(Endpoints.FileUpload, item.Error), Endpoints.FileUpload, httpStatus: 200, serverMessage: item.Error);
        }

        return WireMapper.ToUploadedFile(item);
    }

    /// <summary>The refusal the account's package (when already read) would give an upload of <paramref name="length"/> bytes, or <see langword="null"/>.</summary>
    private UploadApiException? PackageRefusal(long? length, bool atLeast = false)
    {
        if (account.KnownPackage is not { } package)
        {
            return null;
        }

        if (!package.CanUpload)
        {
            return new UploadApiException(UploadErrorKind.Forbidden, Endpoints.FileUpload,
                $"{Endpoints.FileUpload} refused before sending: the account's package '{package.Label}' may not upload files (can_upload is 0).");
        }

        if (package.MaxUploadSize > 0 && length > package.MaxUploadSize)
        {
            return new UploadApiException(UploadErrorKind.Forbidden, Endpoints.FileUpload,
                $"{Endpoints.FileUpload} refused{(atLeast ? " and stopped" : " before sending")}: the file is {(atLeast ? "more than " + package.MaxUploadSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : length?.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes but the package '{package.Label}' allows at most {package.MaxUploadSize} bytes.");
        }

        return null;
    }
}
