namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>Which failures stay with one file and which stop the whole tree transfer.</summary>
internal static class FileFailures
{
    /// <summary>
    /// True for a failure of this file alone: an API error other than a refused sign-in, a local I/O or access error, a
    /// timeout that is not the caller's cancellation. A refused sign-in and the caller's cancellation stop the transfer,
    /// and anything else (a bug) is not swallowed either.
    /// </summary>
    public static bool BelongsToOneFile(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        UploadApiException { Kind: UploadErrorKind.Authentication } => false,
        UploadApiException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or UnauthorizedAccessException => true, // a TreeConflictException is an IOException
        _ => false,
    };
}
