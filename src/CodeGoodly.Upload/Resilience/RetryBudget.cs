namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// Caps the retries of one client (or one DI registration) across all its concurrent calls, so that a dead or overloaded
/// server gets a few extra requests rather than every caller's full set of retries. In each 10-second window the client may
/// retry <see cref="MinimumRetries"/> times plus <see cref="RetryRatio"/> of the calls it started; beyond that a failure
/// is returned to the caller at once.
/// </summary>
internal sealed class RetryBudget
{
    /// <summary>Retries always allowed per window, so a quiet client still retries a lone failure.</summary>
    public const int MinimumRetries = 10;

    /// <summary>The share of calls started in a window that may be retried on top of <see cref="MinimumRetries"/>.</summary>
    public const double RetryRatio = 0.2;

    private static readonly long WindowTicks = TimeSpan.FromSeconds(10).Ticks;
    private readonly object gate = new();
    private readonly TimeProvider time;
    private long windowStart;
    private int callsInWindow;
    private int retriesInWindow;

    public RetryBudget(TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        windowStart = this.time.GetTimestamp();
    }

    /// <summary>Counts a call's first attempt; each one adds <see cref="RetryRatio"/> of a retry to the budget.</summary>
    public void RecordCall()
    {
        lock (gate)
        {
            Roll();
            callsInWindow++;
        }
    }

    /// <summary>Takes one retry from the budget; <see langword="false"/> when it is spent and the failure should stand.</summary>
    public bool TryTakeRetry()
    {
        lock (gate)
        {
            Roll();
            if (retriesInWindow >= MinimumRetries + (int)(callsInWindow * RetryRatio))
            {
                return false;
            }

            retriesInWindow++;
            return true;
        }
    }

    private void Roll()
    {
        if (time.GetElapsedTime(windowStart).Ticks >= WindowTicks)
        {
            windowStart = time.GetTimestamp();
            callsInWindow = 0;
            retriesInWindow = 0;
        }
    }
}
