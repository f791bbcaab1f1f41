using System.Diagnostics;
using CodeGoodly.Upload.Tests.Transfers;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>Runs the streaming fake API in a child process, so the client's memory and allocations are measured alone.</summary>
internal static class ServerProcess
{
    private const string ReadyPrefix = "LISTENING ";

    /// <summary>Child side: start the server, print its address, run until stdin closes.</summary>
    public static async Task<int> RunAsync()
    {
        await using StreamingApiServer server = await StreamingApiServer.StartAsync();
        // Two downloadable files, generated on the fly: 64 MiB and 1 GiB.
        FileId small = server.AddFile(BenchmarkRun.SmallSize);
        FileId large = server.AddFile(BenchmarkRun.LargeSize);
        Console.WriteLine($"{ReadyPrefix}{server.BaseAddress} {small.Value} {large.Value}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>Parent side: start the child and wait for its address.</summary>
    public static async Task<(Process Process, Uri BaseAddress, long SmallFileId, long LargeFileId)> StartAsync()
    {
        Process process = Process.Start(SelfStartInfo("serve")) ?? throw new InvalidOperationException("could not start the server process");
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                string[] parts = line[ReadyPrefix.Length..].Split(' ');
                return (process, new Uri(parts[0]), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("the server process ended before listening: " + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>How to start this program again with other arguments (apphost or <c>dotnet x.dll</c>).</summary>
    public static ProcessStartInfo SelfStartInfo(params string[] arguments)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
