using System.Diagnostics;
using System.Globalization;
using CodeGoodly.Upload.Tests.Transfers;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// <c>-- trees</c>: uploads a tree of 20 files of 16 MiB with <c>client.Transfers.UploadDirectoryAsync</c> at the default
/// concurrency and at <c>MaxConcurrency = 1</c>, into a fresh folder each round, against the streaming server in a child
/// process; prints the median throughput of each and their ratio (same run, rounds alternating).
/// </summary>
internal static class TreesBenchmark
{
    private const int FileCount = 20;
    private const long FileSize = 16L * 1024 * 1024;
    private const int Rounds = 5;
    private const double MiB = 1024 * 1024;

    public static async Task<int> RunAsync()
    {
        (Process server, Uri baseAddress, _, _) = await ServerProcess.StartAsync();
        string directory = Directory.CreateTempSubdirectory("cg-bench-tree-").FullName;
        try
        {
            for (int index = 0; index < FileCount; index++)
            {
                await WritePatternFileAsync(Path.Combine(directory, $"file-{index:D2}.bin"), FileSize);
            }

            using var client = new UploadClient(new UploadClientOptions
            {
                BaseAddress = baseAddress, Key1 = ServerProcess.Key1, Key2 = ServerProcess.Key2, AllowInsecureHttp = true,
            });
            AccountPackage package = await client.Account.GetPackageAsync();
            var runs = new (string Label, DirectoryTransferOptions Options, List<double> MiBPerSecond)[]
            {
                ($"default (package concurrent_uploads {package.ConcurrentUploads} → {Math.Min(package.ConcurrentUploads, 16)})", new DirectoryTransferOptions(), []),
                ("MaxConcurrency = 1", new DirectoryTransferOptions { MaxConcurrency = 1 }, []),
            };
            Console.WriteLine($"trees: {FileCount} × {FileSize / MiB:0} MiB per round, {Rounds} rounds each (+1 warm-up), alternating; {Environment.ProcessorCount} cores");
            for (int round = 0; round <= Rounds; round++)
            {
                foreach ((string label, DirectoryTransferOptions options, List<double> results) in round % 2 == 0 ? runs : runs.Reverse())
                {
                    FolderDetails folder = await client.Folders.CreateAsync($"round-{round}-{results.Count}-{label.Length}");
                    var clock = Stopwatch.StartNew();
                    DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(directory, folder.Id, options);
                    double seconds = clock.Elapsed.TotalSeconds;
                    if (result.Transferred.Count != FileCount || result.Failed.Count > 0)
                    {
                        throw new InvalidOperationException($"{label}: {result.Transferred.Count} transferred, {result.Failed.Count} failed: {(result.Failed.Count > 0 ? result.Failed[0].Error.Message : string.Empty)}");
                    }

                    if (round > 0)
                    {
                        results.Add(result.BytesTransferred / MiB / seconds);
                    }
                }
            }

            double concurrent = Median(runs[0].MiBPerSecond);
            double serial = Median(runs[1].MiBPerSecond);
            Console.WriteLine($"| tree upload, {FileCount} × 16 MiB | MiB/s (median) |");
            Console.WriteLine("| --- | ---: |");
            Console.WriteLine($"| {runs[0].Label} | {concurrent.ToString("0", CultureInfo.InvariantCulture)} |");
            Console.WriteLine($"| {runs[1].Label} | {serial.ToString("0", CultureInfo.InvariantCulture)} |");
            Console.WriteLine($"ratio default / MaxConcurrency=1: {(concurrent / serial).ToString("0.00", CultureInfo.InvariantCulture)}×");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task WritePatternFileAsync(string path, long size)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        for (long position = 0; position < size;)
        {
            int count = (int)Math.Min(TestPattern.ChunkSize, size - position);
            await file.WriteAsync(TestPattern.Slice(position, count));
            position += count;
        }
    }
}
