namespace CodeGoodly.Upload.Http;

/// <summary>
/// Bounds a transfer by idleness instead of length: its <see cref="Token"/> is cancelled when the caller cancels, or when
/// <see cref="IdleTimeout"/> passes without a <see cref="Kick"/> (no connection, no bytes moving, no answer). A transfer that
/// keeps moving is never cut short, however long it takes.
/// </summary>
internal sealed class TransferWatchdog : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly CancellationToken callerToken;

    public TransferWatchdog(TimeSpan idleTimeout, CancellationToken callerToken)
    {
        IdleTimeout = idleTimeout;
        this.callerToken = callerToken;
        source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        source.CancelAfter(idleTimeout);
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
        try
        {
            source.CancelAfter(IdleTimeout);
        }
        catch (ObjectDisposedException)
        {
            // A send still unwinding after the call ended: nothing left to guard.
        }
    }

    /// <summary>The message for a transfer the idle timeout ended.</summary>
    public string Describe(string what) => $"{what} made no progress for {IdleTimeout.TotalSeconds:0.#} s (AttemptTimeout)";

    public void Dispose() => source.Dispose();
}
