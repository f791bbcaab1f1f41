namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>A clock that moves only when the test says.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = new(2024, 11, 28, 22, 52, 6, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
