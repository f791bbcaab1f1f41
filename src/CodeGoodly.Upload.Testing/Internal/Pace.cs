namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>How a <see cref="FakeFaults.Throttle"/> fault moves a body: slices of <see cref="SliceSize"/> bytes with <see cref="Pause"/> between them.</summary>
internal readonly record struct Pace(int SliceSize, TimeSpan Pause)
{
    /// <summary>About twenty slices a second, each at most 64 KiB.</summary>
    public static Pace Of(int bytesPerSecond)
    {
        int slice = Math.Clamp(bytesPerSecond / 20, 512, 64 * 1024);
        return new Pace(slice, TimeSpan.FromSeconds((double)slice / bytesPerSecond));
    }
}
