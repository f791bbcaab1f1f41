using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// The upload engine behind <c>Files.UploadAsync</c>: streams the caller's bytes as the <c>/file/upload</c> multipart body
/// (<see cref="MultipartFormBody"/> over <see cref="StreamingFileContent"/>), bounded by an idle <see cref="TransferWatchdog"/>,
/// applies the account package's limits, and judges a failed upload: the one place that says what really happened to it.
/// </summary>
/// <param name="api">The Refit interface the upload is declared on.</param>
/// <param name="options">The client's settings (the attempt timeout bounds idleness).</param>
/// <param name="knownPackage">The account's package when already read, else <see langword="null"/>.</param>
internal sealed class FileUploader(IUploadApi api, UploadClientOptions options, Func<AccountPackage?> knownPackage)
{
    /// <summary>
    /// Opens a local file for an upload: no <see cref="FileStream"/> buffer (the upload reads 128 KiB at a time straight into its own
    /// pooled buffer), asynchronous, read front to back.
    /// </summary>
    public static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private const string OctetStream = "application/octet-stream";

    private const string ChunkedUploadHint = " The upload was sent without Content-Length (chunked); many PHP hosts see no file in a chunked body: "
        + "pass the length (UploadAsync(stream, contentLength, …)) or a seekable stream.";

    /// <summary>Throws the refusal the account's package (when already read) would give an upload of <paramref name="length"/> bytes, before anything is sent.</summary>
    public void ThrowIfPackageRefuses(long? length)
    {
        if (PackageRefusal(length) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>Uploads <paramref name="length"/> bytes (or the rest) of <paramref name="content"/> into <paramref name="folder"/> (wire format: empty for the root).</summary>
    public async Task<UploadedFile> UploadAsync(Stream content, long? length, string fileName, string folder,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        // The whole upload is bounded by idleness, not by length: the watchdog fires only when AttemptTimeout passes with
        // no connection, no bytes moving and no answer.
        using var watchdog = new TransferWatchdog(options.AttemptTimeout, cancellationToken);
        Func<long, Exception?>? checkSize = length is null && knownPackage() is not null ? sent => PackageRefusal(sent, atLeast: true) : null;
        var file = new StreamingFileContent(content, length, fileName, OctetStream, progress, watchdog, checkSize);
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
    private static Exception? TranslateUploadFailure(Exception failure, StreamingFileContent file, TransferWatchdog watchdog)
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
        if (knownPackage() is not { } package)
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
