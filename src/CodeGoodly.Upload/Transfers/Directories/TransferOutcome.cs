namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>What happened to each file of a tree transfer, collected from the concurrent workers.</summary>
internal sealed class TransferOutcome
{
    private readonly object gate = new();
    private readonly List<string> transferred = [];
    private readonly List<string> skipped = [];
    private readonly List<FileTransferFailure> failed = [];
    private readonly List<string> links = [];
    private long bytesTransferred;
    private int foldersCreated;

    public void Transferred(string relativePath, long bytes)
    {
        lock (gate)
        {
            transferred.Add(relativePath);
            bytesTransferred += bytes;
        }
    }

    public void Skipped(string relativePath)
    {
        lock (gate)
        {
            skipped.Add(relativePath);
        }
    }

    public void Failed(string relativePath, Exception error)
    {
        lock (gate)
        {
            failed.Add(new FileTransferFailure(relativePath, error));
        }
    }

    public void LinkNotFollowed(string relativePath)
    {
        lock (gate)
        {
            links.Add(relativePath);
        }
    }

    public void FolderCreated() => Interlocked.Increment(ref foldersCreated);

    public DirectoryTransferResult ToResult()
    {
        lock (gate)
        {
            return new DirectoryTransferResult
            {
                Transferred = [.. transferred.Order(StringComparer.Ordinal)],
                Skipped = [.. skipped.Order(StringComparer.Ordinal)],
                Failed = [.. failed.OrderBy(f => f.RelativePath, StringComparer.Ordinal)],
                LinksNotFollowed = [.. links.Order(StringComparer.Ordinal)],
                FoldersCreated = Volatile.Read(ref foldersCreated),
                BytesTransferred = bytesTransferred,
            };
        }
    }
}
