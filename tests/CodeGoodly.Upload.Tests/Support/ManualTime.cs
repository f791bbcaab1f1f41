namespace CodeGoodly.Upload.Tests.Support;

/// <summary>A clock that moves only when told (it stands still otherwise), and timers that fire only when told.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long ticks;

    /// <summary>Every timer created on this clock, in order.</summary>
    public List<ManualTimer> Timers { get; } = [];

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, dueTime);
        lock (Timers)
        {
            Timers.Add(timer);
        }

        return timer;
    }
}

/// <summary>A timer of <see cref="ManualTime"/>: fires when the test calls <see cref="Fire"/>, unless disposed.</summary>
internal sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
{
    private bool disposed;

    public TimeSpan DueTime { get; } = dueTime;

    public void Fire()
    {
        if (!disposed)
        {
            callback(state);
        }
    }

    public bool Change(TimeSpan dueTime, TimeSpan period) => !disposed;

    public void Dispose() => disposed = true;

    public ValueTask DisposeAsync()
    {
        disposed = true;
        return ValueTask.CompletedTask;
    }
}
