namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>A clock the test moves by hand (it stands still otherwise), for the retry budget's 10-second windows.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
