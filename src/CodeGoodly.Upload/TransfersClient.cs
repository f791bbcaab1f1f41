using CodeGoodly.Upload.Transfers.Directories;

namespace CodeGoodly.Upload;

/// <summary>
/// Whole-tree transfers, built only on the public sub-clients: it checks the arguments before any request, then hands
/// the work to <see cref="DirectoryUpload"/> or <see cref="DirectoryDownload"/>.
/// </summary>
internal sealed class TransfersClient(IFilesClient files, IFoldersClient folders, IAccountClient account) : ITransfersClient
{
    public Task<DirectoryTransferResult> UploadDirectoryAsync(string localDirectory, FolderId? destination = null,
        DirectoryTransferOptions? options = null, IProgress<DirectoryTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        string top = Path.GetFullPath(localDirectory);
        if (!Directory.Exists(top))
        {
            throw new DirectoryNotFoundException($"There is no directory to upload at '{localDirectory}'.");
        }

        FolderId? folder = Guard.Destination(destination, nameof(destination));
        options = Checked(options);
        return new DirectoryUpload(files, folders, account, options, new TreeProgress(progress, TimeProvider.System))
            .RunAsync(top, folder, cancellationToken);
    }

    public Task<DirectoryTransferResult> DownloadFolderAsync(FolderId? source, string localDirectory,
        DirectoryTransferOptions? options = null, IProgress<DirectoryTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        string top = Path.GetFullPath(localDirectory);
        if (File.Exists(top))
        {
            throw new ArgumentException($"'{localDirectory}' is a file; download a folder into a directory.", nameof(localDirectory));
        }

        FolderId? folder = Guard.Destination(source, nameof(source));
        options = Checked(options);
        return new DirectoryDownload(files, folders, account, options, new TreeProgress(progress, TimeProvider.System))
            .RunAsync(folder, top, cancellationToken);
    }

    private static DirectoryTransferOptions Checked(DirectoryTransferOptions? options)
    {
        options ??= new DirectoryTransferOptions();
        if (options.MaxConcurrency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrency,
                "DirectoryTransferOptions.MaxConcurrency must be 0 (the package's limit) or positive.");
        }

        if (!Enum.IsDefined(options.ExistingFiles))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ExistingFiles,
                "DirectoryTransferOptions.ExistingFiles must be SkipSameSize, Replace or KeepBoth.");
        }

        return options;
    }
}
