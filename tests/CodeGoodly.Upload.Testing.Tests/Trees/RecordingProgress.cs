namespace CodeGoodly.Upload.Testing.Tests.Trees;

/// <summary>Keeps every progress report, in order, and notes whether two reports ever overlapped (they must be serialized).</summary>
public sealed class RecordingProgress : IProgress<DirectoryTransferProgress>
{
    private readonly List<DirectoryTransferProgress> reports = [];
    private int inside;

    public bool Overlapped { get; private set; }

    public IReadOnlyList<DirectoryTransferProgress> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(DirectoryTransferProgress value)
    {
        if (Interlocked.Increment(ref inside) != 1)
        {
            Overlapped = true;
        }

        Thread.Yield(); // give a concurrent report the chance to show itself
        lock (reports)
        {
            reports.Add(value);
        }

        Interlocked.Decrement(ref inside);
    }
}
