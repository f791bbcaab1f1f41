namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// Whole-tree transfers, built only on the public sub-clients: it checks the arguments before any request, then hands
/// the work to <see cref="DirectoryUpload"/> or <see cref="DirectoryDownload"/>.
/// </summary>
internal sealed class TransfersClient(IFilesClient files, IFoldersClient folders, IAccountClient account, TimeProvider? timeProvider = null) : ITransfersClient
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

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

        FolderId? folder = CheckedFolder(destination, nameof(destination));
        options = Checked(options);
        return new DirectoryUpload(files, folders, account, options, new TreeProgress(progress, time))
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

        FolderId? folder = CheckedFolder(source, nameof(source));
        options = Checked(options);
        return new DirectoryDownload(files, folders, account, options, new TreeProgress(progress, time))
            .RunAsync(folder, top, cancellationToken);
    }

    /// <summary>A folder where <see langword="null"/> or 0 is the root (as everywhere in the SDK).</summary>
    private static FolderId? CheckedFolder(FolderId? folder, string parameterName) => folder switch
    {
        null or { Value: 0 } => null,
        { Value: < 0 } id => throw new ArgumentOutOfRangeException(parameterName, id.Value, "A folder id must not be negative; use null for the root folder."),
        { } id => id,
    };

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
