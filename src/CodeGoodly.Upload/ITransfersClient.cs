namespace CodeGoodly.Upload;

/// <summary>
/// Whole directory trees: upload a local directory into a folder, download a folder into a local directory. Files move
/// several at a time, a failed file does not stop the others, and running a call again transfers only what is missing.
/// </summary>
/// <remarks>
/// <para>Each file is tried once per call (the client's own retry rules apply inside that try). A call throws only for what
/// stops the whole transfer: bad arguments (before any request), a destination or source folder that does not exist
/// (<see cref="UploadApiException"/> with <see cref="UploadErrorKind.NotFound"/>), a refused sign-in
/// (<see cref="UploadErrorKind.Authentication"/>) and cancellation (<see cref="OperationCanceledException"/>).
/// Everything else is reported per file in <see cref="DirectoryTransferResult.Failed"/>.</para>
/// <para>Symbolic links (and other reparse points) below the top directory are never followed: an upload leaves them out
/// and lists them in <see cref="DirectoryTransferResult.LinksNotFollowed"/>; a download never writes through a link that
/// is in its way and reports that file as failed.</para>
/// <para>Existing files are handled as <see cref="DirectoryTransferOptions.ExistingFiles"/> says (by default a file with the
/// same name and size is skipped). Names are compared exactly (ordinal, case-sensitive).</para>
/// </remarks>
public interface ITransfersClient
{
    /// <summary>
    /// Uploads the contents of <paramref name="localDirectory"/> into <paramref name="destination"/>: each subdirectory
    /// becomes a folder of the same name, found by name or created (empty ones too), and each file is uploaded into it.
    /// </summary>
    /// <param name="localDirectory">The directory whose contents are uploaded (the directory itself is not recreated: its contents go into <paramref name="destination"/>).</param>
    /// <param name="destination">The folder to upload into; <see langword="null"/> is the root folder. It must exist.</param>
    /// <param name="options">Concurrency and what to do with files already there; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the aggregate progress: serialized, never going back, at most 10 reports a second plus the last one, which equals the totals.</param>
    /// <param name="cancellationToken">Cancels the transfer; files already uploaded stay, a file cut short is not stored.</param>
    /// <returns>What was uploaded, skipped and failed, as paths relative to <paramref name="localDirectory"/> with <c>/</c> separators.</returns>
    /// <exception cref="ArgumentException">The path is empty, the options are out of range, or <paramref name="destination"/> is negative.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="localDirectory"/> does not exist.</exception>
    /// <exception cref="UploadApiException"><paramref name="destination"/> does not exist (<see cref="UploadErrorKind.NotFound"/>), or the sign-in was refused (<see cref="UploadErrorKind.Authentication"/>).</exception>
    Task<DirectoryTransferResult> UploadDirectoryAsync(string localDirectory, FolderId? destination = null,
        DirectoryTransferOptions? options = null, IProgress<DirectoryTransferProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads the tree of <paramref name="source"/> into <paramref name="localDirectory"/>: each folder becomes a
    /// directory (empty ones too), and each file is written through a temporary file that is renamed on success, so a
    /// failed or cancelled download never leaves a partial file under a final name.
    /// </summary>
    /// <param name="source">The folder whose contents are downloaded; <see langword="null"/> is the root folder. It must exist.</param>
    /// <param name="localDirectory">Where the folder's contents go; created (with its parents) when missing.</param>
    /// <param name="options">Concurrency and what to do with files already there; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the aggregate progress: serialized, never going back, at most 10 reports a second plus the last one, which equals the totals.</param>
    /// <param name="cancellationToken">Cancels the transfer; files already downloaded stay, temporary files are removed.</param>
    /// <returns>What was downloaded, skipped and failed, as paths relative to <paramref name="localDirectory"/> with <c>/</c> separators.</returns>
    /// <exception cref="ArgumentException">The path is empty or names an existing file, the options are out of range, or <paramref name="source"/> is negative.</exception>
    /// <exception cref="UploadApiException"><paramref name="source"/> does not exist (<see cref="UploadErrorKind.NotFound"/>), or the sign-in was refused (<see cref="UploadErrorKind.Authentication"/>).</exception>
    Task<DirectoryTransferResult> DownloadFolderAsync(FolderId? source, string localDirectory,
        DirectoryTransferOptions? options = null, IProgress<DirectoryTransferProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
