namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// Bounds a transfer by idleness instead of length: its <see cref="Token"/> is cancelled when the caller cancels, or when
/// <see cref="IdleTimeout"/> passes without a <see cref="Kick"/> (no connection, no bytes moving, no answer). A transfer that
/// keeps moving is never cut short, however long it takes, and a retry's wait (<see cref="AllowWait"/>) is not idleness.
/// </summary>
internal sealed class TransferWatchdog : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly CancellationToken callerToken;

    private readonly long slackMilliseconds;
    private long lastKick;

    public TransferWatchdog(TimeSpan idleTimeout, CancellationToken callerToken)
    {
        IdleTimeout = idleTimeout;
        this.callerToken = callerToken;

        // A transfer kicks thousands of times a second; re-arming the timer each time would be wasted work on a global lock.
        // Re-arming at most every 1/16 of the timeout, with that much slack added, still never fires before a full
        // IdleTimeout without progress (and at most 1/16 later).
        slackMilliseconds = Math.Max(1, (long)(idleTimeout.TotalMilliseconds / 16));
        source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        Arm(Environment.TickCount64);
    }

    /// <summary>How long the transfer may go without progress.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Cancelled by the caller, or by the idle timeout.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Whether the idle timeout (not the caller) ended the transfer.</summary>
    public bool HasFired => source.IsCancellationRequested && !callerToken.IsCancellationRequested;

    /// <summary>Records progress: the idle clock starts again.</summary>
    public void Kick()
    {
        long now = Environment.TickCount64;
        if (now - Volatile.Read(ref lastKick) < slackMilliseconds)
        {
            return;
        }

        try
        {
            Arm(now);
        }
        catch (ObjectDisposedException)
        {
            // A send still unwinding after the call ended: nothing left to guard.
        }
    }

    /// <summary>
    /// A retry is about to wait <paramref name="wait"/> (a back-off or the server's <c>Retry-After</c>): waiting as asked is not
    /// "no progress", so the idle clock starts again only when the wait is over.
    /// </summary>
    public void AllowWait(TimeSpan wait)
    {
        long now = Environment.TickCount64;
        try
        {
            Volatile.Write(ref lastKick, now);
            source.CancelAfter(wait + IdleTimeout + TimeSpan.FromMilliseconds(slackMilliseconds));
        }
        catch (ObjectDisposedException)
        {
            // The call already ended.
        }
    }

    /// <summary>The message for a transfer the idle timeout ended.</summary>
    public string Describe(string what) => $"{what} made no progress for {IdleTimeout.TotalSeconds:0.#} s (AttemptTimeout)";

    public void Dispose() => source.Dispose();

    private void Arm(long now)
    {
        Volatile.Write(ref lastKick, now);
        source.CancelAfter(IdleTimeout + TimeSpan.FromMilliseconds(slackMilliseconds));
    }
}
