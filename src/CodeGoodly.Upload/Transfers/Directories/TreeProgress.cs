namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// The aggregate progress of a tree transfer: counts files and bytes from every file in flight and reports them to the
/// caller one report at a time (under one lock, so reports are serialized and never go back), at most every 100 ms while
/// things move, and once more at the end with the totals. A change that falls inside the 100 ms is reported by a timer when
/// the interval is up, so the last state before a lull is never lost.
/// </summary>
internal sealed class TreeProgress(IProgress<DirectoryTransferProgress>? sink, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly object gate = new();
    private int filesTotal;
    private long bytesTotal;
    private int filesDone;
    private int filesFailed;
    private int filesInFlight;
    private long bytesDone;
    private long lastReportTimestamp;
    private bool pending;
    private bool finished;
    private ITimer? timer;

    /// <summary>Counts a file settled while planning (skipped, or failed before it could move), without reporting: <see cref="Start"/> reports it.</summary>
    public void Settle(long size, bool failed)
    {
        lock (gate)
        {
            filesDone++;
            bytesDone += Math.Max(size, 0);
            if (failed)
            {
                filesFailed++;
            }
        }
    }

    /// <summary>Sets the totals once the plan is known and reports them with what is already settled (<see cref="Settle"/>).</summary>
    public void Start(int totalFiles, long totalBytes)
    {
        lock (gate)
        {
            filesTotal = totalFiles;
            bytesTotal = totalBytes;
            ReportLocked();
        }
    }

    /// <summary>A file starts moving; its byte counts go through the returned progress.</summary>
    public FileProgress BeginFile(long size)
    {
        lock (gate)
        {
            filesInFlight++;
            ChangedLocked();
        }

        return new FileProgress(this, size);
    }

    /// <summary>Reports the last state, equal to the totals, whatever the rate limit says; later changes are ignored.</summary>
    public void Finish()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            finished = true;
            ReportLocked();
        }
    }

    private void Add(FileProgress file, long bytesTransferred)
    {
        lock (gate)
        {
            // A restarted transfer (a retry from the start) reports less than before: the count never goes back.
            long counted = Math.Min(Math.Max(bytesTransferred, 0), file.Size);
            if (counted <= file.Counted)
            {
                return;
            }

            bytesDone += counted - file.Counted;
            file.Counted = counted;
            ChangedLocked();
        }
    }

    private void End(FileProgress file, bool failed)
    {
        lock (gate)
        {
            // A file done counts whole, a failed one too: the last report equals the totals.
            bytesDone += file.Size - file.Counted;
            file.Counted = file.Size;
            filesDone++;
            filesInFlight--;
            if (failed)
            {
                filesFailed++;
            }

            ChangedLocked();
        }
    }

    private void ChangedLocked()
    {
        if (finished)
        {
            return;
        }

        TimeSpan since = time.GetElapsedTime(lastReportTimestamp); // Start reported first
        if (since >= Interval)
        {
            ReportLocked();
            return;
        }

        pending = true;
        timer ??= time.CreateTimer(static state => ((TreeProgress)state!).OnTimer(), this, Interval - since, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (pending && !finished)
            {
                ReportLocked();
            }
        }
    }

    private void ReportLocked()
    {
        pending = false;
        lastReportTimestamp = time.GetTimestamp();
        sink?.Report(new DirectoryTransferProgress(filesDone, filesTotal, bytesDone, bytesTotal)
        {
            FilesInFlight = filesInFlight,
            FilesFailed = filesFailed,
        });
    }

    /// <summary>One file's share of the aggregate: the SDK's per-file progress goes in here.</summary>
    internal sealed class FileProgress(TreeProgress owner, long size) : IProgress<TransferProgress>
    {
        private int ended;

        public long Size { get; } = Math.Max(size, 0);

        /// <summary>Bytes of this file already in the aggregate (guarded by the owner's lock).</summary>
        public long Counted { get; set; }

        public void Report(TransferProgress value) => owner.Add(this, value.BytesTransferred);

        /// <summary>The file is done (transferred or failed); only the first call counts.</summary>
        public void End(bool failed)
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                owner.End(this, failed);
            }
        }
    }
}
