namespace CodeGoodly.Upload.Benchmarks;

/// <summary>The rounds of one scenario: wall times and managed bytes allocated by this (client) process.</summary>
internal sealed class Measured(string name)
{
    private readonly List<double> seconds = [];
    private readonly List<long> allocated = [];

    public string Name { get; } = name;

    public double MedianSeconds => Median(seconds);

    public double MedianAllocated => Median(allocated.ConvertAll(a => (double)a));

    public int Rounds => seconds.Count;

    /// <summary>The first warm-up round's wall time (cold: the JIT compiles as it goes), when the scenario has warm-up rounds.</summary>
    public TimeSpan? ColdRound { get; set; }

    /// <summary>
    /// This scenario's time over <paramref name="baseline"/>'s, round by round (the two ran back to back in each round, so under the
    /// same load): the 25th percentile, the median and the 75th percentile of those ratios.
    /// </summary>
    public (double P25, double Median, double P75) RoundRatios(Measured baseline)
    {
        var ratios = seconds.Zip(baseline.seconds, (mine, theirs) => mine / theirs).Order().ToList();
        return (Percentile(ratios, 0.25), Percentile(ratios, 0.5), Percentile(ratios, 0.75));
    }

    public void Add(TimeSpan elapsed, long allocatedBytes)
    {
        seconds.Add(elapsed.TotalSeconds);
        allocated.Add(allocatedBytes);
    }

    private static double Percentile(List<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        double position = fraction * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
