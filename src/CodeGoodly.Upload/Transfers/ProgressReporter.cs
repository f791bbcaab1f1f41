using System.Diagnostics;

namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// Reports transfer progress at a human rate (at most every 100 ms, and always once at the end), never backwards:
/// a transfer that restarts (a retried upload, a resumed download) stays silent until it passes what was already reported.
/// </summary>
internal sealed class ProgressReporter(IProgress<TransferProgress>? progress, long? totalBytes)
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private long lastReportTicks;
    private long reported = -1;

    public long? TotalBytes { get; set; } = totalBytes;

    public void Report(long bytesTransferred)
    {
        if (progress is null || bytesTransferred <= reported)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (now - lastReportTicks < Interval && bytesTransferred != TotalBytes)
        {
            return;
        }

        lastReportTicks = now;
        reported = bytesTransferred;
        progress.Report(new TransferProgress(bytesTransferred, TotalBytes));
    }

    /// <summary>Reports the final count, whatever the rate limit says.</summary>
    public void Complete(long bytesTransferred)
    {
        if (progress is null || bytesTransferred < reported || (bytesTransferred == reported && reported >= 0))
        {
            return;
        }

        reported = bytesTransferred;
        progress.Report(new TransferProgress(bytesTransferred, TotalBytes ?? bytesTransferred));
    }
}
