namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// One <see cref="ITransfersClient.UploadDirectoryAsync"/> call. First the plan, one request at a time: the local tree is
/// scanned, each directory is matched to a folder by name (listed) or created, and each file is compared with the
/// listing of its folder. Then the files are uploaded, <c>MaxConcurrency</c> at a time, each tried once.
/// </summary>
internal sealed class DirectoryUpload(IFilesClient files, IFoldersClient folders, IAccountClient account,
    DirectoryTransferOptions options, TreeProgress progress)
{
    private readonly TransferOutcome outcome = new();

    public async Task<DirectoryTransferResult> RunAsync(string top, FolderId? destination, CancellationToken cancellationToken)
    {
        if (destination is { } folder)
        {
            // A destination that does not exist stops the whole transfer (NotFound), before anything is created.
            await folders.GetInfoAsync(folder, cancellationToken).ConfigureAwait(false);
        }

        int concurrency = await ConcurrencyLimit.ResolveAsync(account, options.MaxConcurrency, uploads: true, cancellationToken).ConfigureAwait(false);
        LocalTree tree = await Task.Run(() => LocalTree.Scan(top, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (string link in tree.Links)
        {
            outcome.LinkNotFollowed(link);
        }

        Dictionary<string, RemoteFolder> remote = await MatchFoldersAsync(tree, destination, cancellationToken).ConfigureAwait(false);
        List<PlannedUpload> work = Plan(tree, remote);
        progress.Start(tree.Files.Count, tree.Files.Sum(f => f.Size));

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            (upload, token) => new ValueTask(UploadOneAsync(upload, token))).ConfigureAwait(false);

        progress.Finish();
        return outcome.ToResult();
    }

    /// <summary>Finds or creates the folder of every local directory, parents first; a failure there fails the files below it.</summary>
    private async Task<Dictionary<string, RemoteFolder>> MatchFoldersAsync(LocalTree tree, FolderId? destination, CancellationToken cancellationToken)
    {
        var remote = new Dictionary<string, RemoteFolder>(StringComparer.Ordinal)
        {
            [string.Empty] = await ListedAsync(string.Empty, destination, cancellationToken).ConfigureAwait(false),
        };
        foreach ((string relativePath, Exception error) in tree.Unreadable)
        {
            outcome.Failed(relativePath + "/", error);
        }

        foreach (string directory in tree.Directories)
        {
            int slash = directory.LastIndexOf('/');
            string parentPath = slash < 0 ? string.Empty : directory[..slash];
            string name = directory[(slash + 1)..];
            RemoteFolder parent = remote[parentPath];
            if (parent.Error is not null)
            {
                remote[directory] = RemoteFolder.Failed(parent.Error);
                continue;
            }

            try
            {
                FolderDetails[] matches = [.. parent.Listing!.Folders.Where(f => string.Equals(f.FolderName, name, StringComparison.Ordinal))];
                if (matches.Length > 1)
                {
                    throw new TreeConflictException($"The folder holds {matches.Length} folders named '{name}' ({string.Join(", ", matches.Select(m => "folder:" + m.Id))}): "
                        + "rename one so the upload knows where its files go.");
                }

                if (matches.Length == 1)
                {
                    remote[directory] = await ListedAsync(directory, matches[0].Id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    FolderDetails created = await folders.CreateAsync(name, parent.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                    outcome.FolderCreated();
                    remote[directory] = RemoteFolder.Empty(created.Id);
                }
            }
            catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
            {
                outcome.Failed(directory + "/", failure);
                remote[directory] = RemoteFolder.Failed(failure);
            }
        }

        return remote;
    }

    private async Task<RemoteFolder> ListedAsync(string relativePath, FolderId? id, CancellationToken cancellationToken)
    {
        try
        {
            return new RemoteFolder(id, await folders.ListAsync(id, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
        {
            outcome.Failed(relativePath + "/", failure);
            return RemoteFolder.Failed(failure);
        }
    }

    /// <summary>Decides each file's fate from its folder's listing; skipped files and files under a failed folder are settled here.</summary>
    private List<PlannedUpload> Plan(LocalTree tree, Dictionary<string, RemoteFolder> remote)
    {
        var work = new List<PlannedUpload>();
        foreach (LocalFile file in tree.Files)
        {
            RemoteFolder folder = remote[file.RelativeFolder]; // every scanned directory was matched (or failed) above
            Exception? problem = folder.Error ?? (file.Size == 0
                ? new TreeConflictException($"'{file.RelativePath}' is empty: the File Upload API refuses empty files (\"Filesize received was zero.\"), so it is not sent.")
                : null);
            if (problem is not null)
            {
                outcome.Failed(file.RelativePath, problem);
                progress.Settle(file.Size, failed: true);
                continue;
            }

            FileDetails[] existing = [.. folder.FilesNamed(file.Name)];
            switch (options.ExistingFiles)
            {
                case ExistingFilePolicy.SkipSameSize when existing.Any(f => f.FileSize == file.Size):
                    outcome.Skipped(file.RelativePath);
                    progress.Settle(file.Size, failed: false);
                    break;
                case ExistingFilePolicy.KeepBoth when existing.Length > 0:
                    string free = TreePaths.FreeName(file.Name, folder.IsTaken);
                    folder.Reserve(free);
                    work.Add(new PlannedUpload(file, folder.Id, free, []));
                    break;
                default:
                    folder.Reserve(file.Name);
                    work.Add(new PlannedUpload(file, folder.Id, file.Name, existing));
                    break;
            }
        }

        return work;
    }

    private async Task UploadOneAsync(PlannedUpload upload, CancellationToken cancellationToken)
    {
        TreeProgress.FileProgress fileProgress = progress.BeginFile(upload.File.Size);
        bool failed = false;
        try
        {
            long sent;
            UploadedFile stored;
            FileStream stream = FileUploader.OpenFile(upload.File.FullPath);
            await using (stream.ConfigureAwait(false))
            {
                sent = stream.Length;
                stored = await files.UploadAsync(stream, upload.RemoteName, upload.Folder, fileProgress, cancellationToken).ConfigureAwait(false);
            }

            // Replace: the new file is stored first, then the old one goes, so a failure never leaves neither.
            foreach (FileDetails old in upload.Replaces)
            {
                await files.DeleteAsync(old.Id, cancellationToken).ConfigureAwait(false);
            }

            // Servers store a name that is taken as "name (2).ext"; once the old file is gone the new one takes the name back.
            if (upload.Replaces.Count > 0 && !string.Equals(stored.Name, upload.RemoteName, StringComparison.Ordinal))
            {
                await files.EditAsync(stored.FileId, new FileChanges(FileName: upload.RemoteName), cancellationToken).ConfigureAwait(false);
            }

            outcome.Transferred(upload.File.RelativePath, sent);
        }
        catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
        {
            failed = true;
            outcome.Failed(upload.File.RelativePath, failure);
        }
        finally
        {
            fileProgress.End(failed);
        }
    }

    /// <summary>A local file to send: where, under which name, and which same-name files it replaces.</summary>
    private sealed record PlannedUpload(LocalFile File, FolderId? Folder, string RemoteName, IReadOnlyList<FileDetails> Replaces);

    /// <summary>The folder a local directory maps to, its listing (empty when just created), or why it has none.</summary>
    private sealed class RemoteFolder(FolderId? id, FolderListing? listing, Exception? error)
    {
        private static readonly FolderListing NoEntries = new() { Folders = [], Files = [] };
        private readonly HashSet<string> reserved = new(StringComparer.Ordinal);
        private ILookup<string, FileDetails>? filesByName;

        public FolderId? Id { get; } = id;

        public FolderListing? Listing { get; } = listing;

        public Exception? Error { get; } = error;

        public static RemoteFolder Empty(FolderId id) => new(id, NoEntries, null);

        public static RemoteFolder Failed(Exception error) => new(null, null, error);

        /// <summary>The listed files named <paramref name="name"/> (looked up, not scanned: a folder can hold thousands).</summary>
        public IEnumerable<FileDetails> FilesNamed(string name) =>
            (filesByName ??= Listing!.Files.ToLookup(f => f.FileName, StringComparer.Ordinal))[name];

        /// <summary>Whether a name is in the listing or already chosen for another upload of this run.</summary>
        public bool IsTaken(string name) => reserved.Contains(name) || FilesNamed(name).Any();

        public void Reserve(string name) => reserved.Add(name);
    }
}
