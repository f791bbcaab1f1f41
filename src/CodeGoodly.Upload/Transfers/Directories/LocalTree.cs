namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// A local directory's tree as an upload sees it: its directories (parents before children) and its files, each with a
/// '/'-separated path relative to the top, in ordinal order. Symbolic links are recorded, never entered or read.
/// </summary>
internal sealed class LocalTree
{
    private LocalTree()
    {
    }

    /// <summary>Directories below the top (the top itself is not listed), parents before their children.</summary>
    public List<string> Directories { get; } = [];

    /// <summary>Regular files, with their folder's relative path, name and size at the time of the scan.</summary>
    public List<LocalFile> Files { get; } = [];

    /// <summary>Links left out.</summary>
    public List<string> Links { get; } = [];

    /// <summary>Directories that could not be read, with why.</summary>
    public List<(string RelativePath, Exception Error)> Unreadable { get; } = [];

    public static LocalTree Scan(string top, CancellationToken cancellationToken)
    {
        var tree = new LocalTree();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = 0, // hidden files are files too
            ReturnSpecialDirectories = false,
        };
        var pending = new Queue<string>();
        pending.Enqueue(string.Empty);
        while (pending.TryDequeue(out string? relativeFolder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(TreePaths.Local(top, relativeFolder)).EnumerateFileSystemInfos("*", options)];
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                tree.Unreadable.Add((relativeFolder, unreadable));
                continue;
            }

            foreach (FileSystemInfo entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                string relative = TreePaths.Join(relativeFolder, entry.Name);
                if (TreePaths.IsLink(entry))
                {
                    tree.Links.Add(relative);
                }
                else if (entry is DirectoryInfo)
                {
                    tree.Directories.Add(relative);
                    pending.Enqueue(relative);
                }
                else if (entry is FileInfo file)
                {
                    tree.Files.Add(new LocalFile(relativeFolder, file.Name, file.FullName, file.Length));
                }
            }
        }

        return tree;
    }
}

/// <summary>A local file of an upload.</summary>
/// <param name="RelativeFolder">Its directory, relative to the top ('' for the top).</param>
/// <param name="Name">Its name.</param>
/// <param name="FullPath">Where it is.</param>
/// <param name="Size">Its length when scanned.</param>
internal sealed record LocalFile(string RelativeFolder, string Name, string FullPath, long Size)
{
    public string RelativePath => TreePaths.Join(RelativeFolder, Name);
}
