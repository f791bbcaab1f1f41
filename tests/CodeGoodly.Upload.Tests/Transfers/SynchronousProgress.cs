namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>Records every progress report in order, on the reporting thread (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
public sealed class SynchronousProgress(Action<TransferProgress>? onReport = null) : IProgress<TransferProgress>
{
    private readonly List<TransferProgress> reports = [];

    public IReadOnlyList<TransferProgress> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(TransferProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
