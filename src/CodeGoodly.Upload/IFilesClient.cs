namespace CodeGoodly.Upload;

/// <summary>Files (<c>/file/*</c>): upload, download, information, edit, delete, move and copy.</summary>
public interface IFilesClient
{
    /// <summary>Uploads a stream as a new file (<c>/file/upload</c>), streaming it without buffering.</summary>
    /// <param name="content">The bytes to upload, read from its current position; left open. A seekable stream is sent with a <c>Content-Length</c>.</param>
    /// <param name="fileName">The file name to store, any Unicode (no control characters).</param>
    /// <param name="folderId">The folder to put it in; <see langword="null"/> for the root folder.</param>
    /// <param name="progress">Told how many bytes were sent, a few times a second and once at the end.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The file the server stored.</returns>
    /// <remarks>
    /// <para>Never a duplicate: a failed upload is sent again only when the stream can be rewound (it is seekable) and the
    /// server certainly did not store the file — the connection was refused, the connection broke before the whole body was
    /// sent (a server never stores a truncated body), or the server answered 429 or a 5xx other than 502/504 (a proxy's
    /// 502/504 means the server behind it may still store the file). When the whole body was sent and no answer came, the
    /// upload is not repeated: an <see cref="UploadApiException"/> with <see cref="UploadApiException.IsOutcomeUnknown"/>
    /// set is thrown, and the caller should check the folder before uploading again.</para>
    /// <para>No timeout limits the length of an upload: it fails only after <see cref="UploadClientOptions.AttemptTimeout"/>
    /// passes without progress (no connection, no bytes moving, or no answer after the last byte).</para>
    /// <para>When <see cref="IAccountClient.GetPackageAsync"/> has been called on this client, an upload the package forbids
    /// (<c>can_upload</c> 0, or larger than <c>max_upload_size</c>) fails with <see cref="UploadErrorKind.Forbidden"/> before it is sent.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The stream is not readable, or the name is empty or has control characters.</exception>
    /// <exception cref="UploadApiException">The server refused the upload or could not be reached.</exception>
    Task<UploadedFile> UploadAsync(Stream content, string fileName, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads the next <paramref name="contentLength"/> bytes of a stream as a new file (<c>/file/upload</c>), with a
    /// <c>Content-Length</c> even when the stream cannot seek (a network or pipe stream whose size you know).
    /// Many PHP hosts refuse a body without <c>Content-Length</c>, so prefer this overload for such streams.
    /// </summary>
    /// <param name="content">The bytes to upload, read from its current position; left open. Exactly <paramref name="contentLength"/> bytes are read.</param>
    /// <param name="contentLength">How many bytes to send. A stream that ends sooner fails the upload (with an <see cref="IOException"/>) before the server can store it.</param>
    /// <param name="fileName">The file name to store, any Unicode (no control characters).</param>
    /// <param name="folderId">The folder to put it in; <see langword="null"/> for the root folder.</param>
    /// <param name="progress">Told how many bytes were sent, a few times a second and once at the end.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The file the server stored.</returns>
    /// <inheritdoc cref="UploadAsync(Stream, string, FolderId?, IProgress{TransferProgress}?, CancellationToken)" path="/remarks"/>
    /// <exception cref="ArgumentException">The stream is not readable, the length is negative or longer than a seekable stream, or the name is empty or has control characters.</exception>
    /// <exception cref="IOException">The stream ended before <paramref name="contentLength"/> bytes.</exception>
    /// <exception cref="UploadApiException">The server refused the upload or could not be reached.</exception>
    Task<UploadedFile> UploadAsync(Stream content, long contentLength, string fileName, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a file from disk (<c>/file/upload</c>) under its own name, streaming it with a <c>Content-Length</c>.</summary>
    /// <remarks>Retries, timeouts and package checks are as for <see cref="UploadAsync(Stream, string, FolderId?, IProgress{TransferProgress}?, CancellationToken)"/>.</remarks>
    /// <param name="path">The file to upload.</param>
    /// <param name="folderId">The folder to put it in; <see langword="null"/> for the root folder.</param>
    /// <param name="progress">Told how many bytes were sent.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The file the server stored.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="UploadApiException">The server refused the upload or could not be reached.</exception>
    Task<UploadedFile> UploadFileAsync(string path, FolderId? folderId = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a one-off download URL for a file (<c>/file/download</c>).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The file does not exist (<see cref="UploadErrorKind.NotFound"/>) or the call failed.</exception>
    Task<DownloadLink> GetDownloadLinkAsync(FileId fileId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a file's bytes into a stream: asks for a download URL, then streams it, resuming with <c>Range</c> after a dropped connection.</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="destination">Where to write the bytes; left open. Only appended to, so it need not be seekable.</param>
    /// <param name="progress">Told how many bytes were received, a few times a second and once at the end (the total).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <remarks>
    /// A dropped connection is resumed from the bytes already written (with <c>Range</c>; when the server ignores it, the bytes
    /// already written are skipped), up to <see cref="UploadClientOptions.MaxRetries"/> times, asking for a fresh one-off link
    /// when the old one is refused. The length received is checked against the server's <c>Content-Length</c>. No timeout
    /// limits the length of a download: it fails only after <see cref="UploadClientOptions.AttemptTimeout"/> without a byte.
    /// A failure to write to <paramref name="destination"/> is thrown as it is and never retried.
    /// </remarks>
    /// <exception cref="UploadApiException">The file does not exist, or the download failed.</exception>
    Task DownloadAsync(FileId fileId, Stream destination,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a file to disk. The bytes go to a temporary file beside <paramref name="path"/>, renamed on success, so a failed download never leaves a partial file under that name.</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="path">Where to save it; an existing file is replaced.</param>
    /// <param name="progress">Told how many bytes were received.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="UploadApiException">The file does not exist, or the download failed.</exception>
    Task DownloadToFileAsync(FileId fileId, string path,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a file's details (<c>/file/info</c>).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The file does not exist (<see cref="UploadErrorKind.NotFound"/>) or the call failed.</exception>
    Task<FileDetails> GetInfoAsync(FileId fileId, CancellationToken cancellationToken = default);

    /// <summary>Renames a file, changes its type or folder (<c>/file/edit</c>).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="changes">What to change; at least one member must be set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The file does not exist or the call failed.</exception>
    Task<FileDetails> EditAsync(FileId fileId, FileChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Moves a file to the trash (<c>/file/delete</c>, a soft delete).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file, now with status <c>trash</c>.</returns>
    Task<FileDetails> DeleteAsync(FileId fileId, CancellationToken cancellationToken = default);

    /// <summary>Moves a file to another folder (<c>/file/move</c>).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="newParentFolderId">The destination; <see langword="null"/> for the root folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FileDetails> MoveAsync(FileId fileId, FolderId? newParentFolderId, CancellationToken cancellationToken = default);

    /// <summary>Copies a file into a folder (<c>/file/copy</c>).</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="copyToFolderId">The destination; <see langword="null"/> for the root folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FileCopyResult> CopyAsync(FileId fileId, FolderId? copyToFolderId, CancellationToken cancellationToken = default);
}
