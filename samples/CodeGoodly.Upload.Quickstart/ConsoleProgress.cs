namespace CodeGoodly.Upload.Quickstart;

/// <summary>
/// A progress bar for transfers. On a terminal it redraws one line; when the output is redirected (CI, a log file) it
/// prints a plain line at every 25%, so the log stays readable.
/// </summary>
internal sealed class ConsoleProgress(string label) : IProgress<TransferProgress>
{
    private const int Width = 30;
    private readonly object gate = new();
    private readonly bool redirected = Console.IsOutputRedirected;
    private int lastQuarter = -1;
    private int lastDrawnPercent = -1;
    private long lastBytes;
    private long? total;

    public void Report(TransferProgress value)
    {
        lock (gate)
        {
            lastBytes = value.BytesTransferred;
            total = value.TotalBytes ?? total;
            int percent = total is > 0 ? (int)Math.Min(100, value.BytesTransferred * 100 / total.Value) : -1;
            if (redirected)
            {
                int quarter = percent / 25;
                if (percent >= 0 && quarter > lastQuarter)
                {
                    lastQuarter = quarter;
                    Console.WriteLine($"   {label}: {quarter * 25,3}% ({Tour.Size(value.BytesTransferred)})");
                }
            }
            else if (percent != lastDrawnPercent || percent < 0)
            {
                lastDrawnPercent = percent;
                Console.Write("\r   " + Line(percent, value.BytesTransferred));
            }
        }
    }

    /// <summary>Ends the bar's line (and reports 100% if the last report fell short of it).</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (redirected)
            {
                if (lastQuarter < 4)
                {
                    Console.WriteLine($"   {label}: 100% ({Tour.Size(lastBytes)})");
                }
            }
            else
            {
                Console.WriteLine("\r   " + Line(100, lastBytes));
            }
        }
    }

    private string Line(int percent, long bytes)
    {
        if (percent < 0)
        {
            return $"{label} {Tour.Size(bytes)}…";
        }

        int filled = percent * Width / 100;
        return $"{label,-8} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {Tour.Size(bytes)}";
    }
}
