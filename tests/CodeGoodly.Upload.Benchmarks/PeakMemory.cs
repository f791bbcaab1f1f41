using System.Diagnostics;
using System.Globalization;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// Peak memory is a per-process figure, so each measurement runs one upload in a fresh child process (the server lives in
/// yet another): the child reports its peak working set before and after the upload and the managed bytes it allocated.
/// </summary>
internal static class PeakMemory
{
    private const string ResultPrefix = "PEAK ";

    public sealed record Result(long PeakBefore, long PeakAfter, long Allocated);

    /// <summary>Child side.</summary>
    public static async Task<int> RunChildAsync(string client, string file, Uri baseAddress)
    {
        Func<string, Task> upload;
        IDisposable owner;
        if (client == "sdk")
        {
            var sdk = new UploadClient(new UploadClientOptions
            {
                BaseAddress = baseAddress, Key1 = ServerProcess.Key1, Key2 = ServerProcess.Key2, AllowInsecureHttp = true,
            });
            owner = sdk;
            upload = path => sdk.Files.UploadFileAsync(path);
            await sdk.Files.UploadAsync(new MemoryStream(new byte[1024]), "warmup.bin"); // sign in, JIT
        }
        else
        {
            var raw = new RawClient(baseAddress);
            owner = raw;
            upload = raw.UploadFileAsync;
            string small = Path.GetTempFileName();
            await File.WriteAllBytesAsync(small, new byte[1024]);
            await raw.UploadFileAsync(small);
            File.Delete(small);
        }

        using (owner)
        {
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            long before = self.PeakWorkingSet64;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            await upload(file);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            self.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix}{before} {self.PeakWorkingSet64} {allocated}"));
        }

        return 0;
    }

    /// <summary>Parent side.</summary>
    public static async Task<Result> MeasureAsync(string client, string file, Uri baseAddress)
    {
        using Process process = Process.Start(ServerProcess.SelfStartInfo("peak", client, file, baseAddress.ToString()))!;
        process.StandardInput.Close();
        string output = await process.StandardOutput.ReadToEndAsync();
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"peak child failed: {output} {errors}");
        long[] values = line[ResultPrefix.Length..].Trim().Split(' ').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Result(values[0], values[1], values[2]);
    }
}
