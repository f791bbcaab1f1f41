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

    public void Add(TimeSpan elapsed, long allocatedBytes)
    {
        seconds.Add(elapsed.TotalSeconds);
        allocated.Add(allocatedBytes);
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
