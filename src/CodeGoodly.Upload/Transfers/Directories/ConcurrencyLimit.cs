namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>How many files a tree transfer moves at once.</summary>
internal static class ConcurrencyLimit
{
    /// <summary>When the package sets no limit (0) or cannot be read.</summary>
    public const int Default = 4;

    /// <summary>The most the package's limit is taken up to: a package allowing 100 uploads does not make one client open 100 connections.</summary>
    public const int PackageCap = 16;

    /// <summary>
    /// The requested value when positive; otherwise the package's <c>concurrent_uploads</c> / <c>concurrent_downloads</c>
    /// (at most <see cref="PackageCap"/>), or <see cref="Default"/> when the package says 0 (unlimited) or cannot be read.
    /// A refused sign-in and cancellation still stop the transfer.
    /// </summary>
    public static async Task<int> ResolveAsync(IAccountClient account, int requested, bool uploads, CancellationToken cancellationToken)
    {
        if (requested > 0)
        {
            return requested;
        }

        AccountPackage package;
        try
        {
            package = await account.GetPackageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UploadApiException unread) when (unread.Kind != UploadErrorKind.Authentication)
        {
            return Default;
        }

        int limit = uploads ? package.ConcurrentUploads : package.ConcurrentDownloads;
        return limit > 0 ? Math.Min(limit, PackageCap) : Default;
    }
}
