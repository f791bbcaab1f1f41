namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// One <see cref="ITransfersClient.DownloadFolderAsync"/> call. First the plan, one request at a time: the folder tree is
/// listed, each folder gets its local directory (found or created), and each file is compared with what is on disk. Then
/// the files are downloaded, <c>MaxConcurrency</c> at a time, each through a temporary file renamed on success.
/// </summary>
internal sealed class DirectoryDownload(IFilesClient files, IFoldersClient folders, IAccountClient account,
    DirectoryTransferOptions options, TreeProgress progress)
{
    private readonly TransferOutcome outcome = new();

    public async Task<DirectoryTransferResult> RunAsync(FolderId? source, string top, CancellationToken cancellationToken)
    {
        if (source is { } folder)
        {
            // A source that does not exist stops the whole transfer (NotFound), before anything is written.
            await folders.GetInfoAsync(folder, cancellationToken).ConfigureAwait(false);
        }

        int concurrency = await ConcurrencyLimit.ResolveAsync(account, options.MaxConcurrency, uploads: false, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(top);
        List<RemoteFile> remoteFiles = await WalkAsync(source, top, cancellationToken).ConfigureAwait(false);
        List<PlannedDownload> work = Plan(top, remoteFiles);
        progress.Start(remoteFiles.Count, remoteFiles.Sum(f => f.Size));

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            (download, token) => new ValueTask(DownloadOneAsync(download, token))).ConfigureAwait(false);

        progress.Finish();
        return outcome.ToResult();
    }

    /// <summary>
    /// Lists the tree breadth-first and makes each folder's directory; a folder that cannot be listed, named or written is
    /// reported (with a trailing '/') and not entered. Returns every file found, with a problem where it cannot be placed.
    /// </summary>
    private async Task<List<RemoteFile>> WalkAsync(FolderId? source, string top, CancellationToken cancellationToken)
    {
        var found = new List<RemoteFile>();
        var visited = new HashSet<long>();
        var pending = new Queue<(FolderId? Id, string RelativePath)>();
        pending.Enqueue((source, string.Empty));
        while (pending.TryDequeue(out var folder))
        {
            FolderListing listing;
            try
            {
                listing = await folders.ListAsync(folder.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
            {
                outcome.Failed(folder.RelativePath + "/", failure);
                continue;
            }

            var folderNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (IGrouping<string, FolderDetails> sameName in listing.Folders.GroupBy(f => f.FolderName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string relative = TreePaths.Join(folder.RelativePath, sameName.Key);
                folderNames.Add(sameName.Key);
                FolderDetails[] matches = [.. sameName];
                try
                {
                    if (TreePaths.LocalNameProblem(sameName.Key) is { } problem)
                    {
                        throw new TreeConflictException($"The folder {Describe(matches[0].Id)} cannot be written locally: {problem}.");
                    }

                    if (matches.Length > 1)
                    {
                        throw new TreeConflictException($"{matches.Length} folders are named '{sameName.Key}' ({string.Join(", ", matches.Select(m => Describe(m.Id)))}): "
                            + "rename one so their files do not mix.");
                    }

                    if (!visited.Add(matches[0].Id.Value))
                    {
                        continue; // a server that lists a folder inside itself must not make the walk endless
                    }

                    if (MakeDirectory(TreePaths.Local(top, relative)))
                    {
                        outcome.FolderCreated();
                    }

                    pending.Enqueue((matches[0].Id, relative));
                }
                catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
                {
                    outcome.Failed(relative + "/", failure);
                }
            }

            foreach (IGrouping<string, FileDetails> sameName in listing.Files.GroupBy(f => f.FileName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int copy = 0;
                foreach (FileDetails file in sameName)
                {
                    copy++;
                    string? problem = TreePaths.LocalNameProblem(file.FileName) is { } badName ? $"The file {Describe(file.Id)} cannot be written locally: {badName}."
                        : folderNames.Contains(file.FileName) ? $"A folder named '{file.FileName}' is beside the file {Describe(file.Id)}: both cannot be written locally."
                        : copy > 1 && options.ExistingFiles != ExistingFilePolicy.KeepBoth
                            ? $"{sameName.Count()} files are named '{file.FileName}' ({string.Join(", ", sameName.Select(f => Describe(f.Id)))}); only the first was downloaded (KeepBoth downloads all)."
                            : null;
                    found.Add(new RemoteFile(file, folder.RelativePath, problem));
                }
            }
        }

        return found;
    }

    /// <summary>Creates a directory; true when it had to be created. A link or a file in the way is a conflict: links are never followed.</summary>
    private static bool MakeDirectory(string path)
    {
        var existing = new DirectoryInfo(path);
        if (existing.Exists)
        {
            return TreePaths.IsLink(existing)
                ? throw new TreeConflictException($"'{path}' is a symbolic link; a download does not follow links.")
                : false;
        }

        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            throw new TreeConflictException($"'{path}' is a file or a link where the download needs a directory.");
        }

        Directory.CreateDirectory(path);
        return true;
    }

    private List<PlannedDownload> Plan(string top, List<RemoteFile> remoteFiles)
    {
        var work = new List<PlannedDownload>();
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        foreach (RemoteFile remote in remoteFiles)
        {
            string relative = TreePaths.Join(remote.RelativeFolder, remote.Details.FileName);
            string target = TreePaths.Local(top, relative);
            try
            {
                if (remote.Problem is not null)
                {
                    throw new TreeConflictException(remote.Problem);
                }

                var existing = new FileInfo(target);
                bool exists = reserved.Contains(target) || existing.Exists || existing.LinkTarget is not null || Directory.Exists(target);
                if (exists && options.ExistingFiles == ExistingFilePolicy.KeepBoth)
                {
                    string free = TreePaths.FreeName(remote.Details.FileName, name =>
                    {
                        string candidate = TreePaths.Local(top, TreePaths.Join(remote.RelativeFolder, name));
                        return reserved.Contains(candidate) || File.Exists(candidate) || Directory.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null;
                    });
                    relative = TreePaths.Join(remote.RelativeFolder, free);
                    target = TreePaths.Local(top, relative);
                }
                else if (exists && !reserved.Contains(target))
                {
                    if (TreePaths.IsLink(existing) || Directory.Exists(target))
                    {
                        throw new TreeConflictException($"'{target}' is a symbolic link or a directory; a download does not write through links or over directories.");
                    }

                    if (options.ExistingFiles == ExistingFilePolicy.SkipSameSize && remote.Details.FileSize == existing.Length)
                    {
                        outcome.Skipped(relative);
                        progress.Settle(remote.Size, failed: false);
                        continue;
                    }
                }

                reserved.Add(target);
                work.Add(new PlannedDownload(remote, relative, target));
            }
            catch (TreeConflictException conflict)
            {
                outcome.Failed(relative, conflict);
                progress.Settle(remote.Size, failed: true);
            }
        }

        return work;
    }

    private async Task DownloadOneAsync(PlannedDownload download, CancellationToken cancellationToken)
    {
        TreeProgress.FileProgress fileProgress = progress.BeginFile(download.File.Size);
        bool failed = false;
        try
        {
            // Through a temporary file beside the target, renamed over it on success: a failure never leaves a partial file.
            await files.DownloadToFileAsync(download.File.Details.Id, download.Target, fileProgress, cancellationToken).ConfigureAwait(false);
            outcome.Transferred(download.RelativePath, new FileInfo(download.Target).Length);
        }
        catch (Exception failure) when (FileFailures.BelongsToOneFile(failure, cancellationToken))
        {
            failed = true;
            outcome.Failed(download.RelativePath, failure);
        }
        finally
        {
            fileProgress.End(failed);
        }
    }

    private static string Describe(FileId id) => "file:" + id;

    private static string Describe(FolderId id) => "folder:" + id;

    /// <summary>A file found in the tree: its folder's relative path, and why it cannot be placed (if so).</summary>
    private sealed record RemoteFile(FileDetails Details, string RelativeFolder, string? Problem)
    {
        public long Size => Math.Max(Details.FileSize ?? 0, 0);
    }

    private sealed record PlannedDownload(RemoteFile File, string RelativePath, string Target);
}
