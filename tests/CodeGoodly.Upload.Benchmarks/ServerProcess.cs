using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CodeGoodly.Upload.Testing;
using CodeGoodly.Upload.Tests.Transfers;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// Runs the Testing package's fake in streaming mode in a child process, so the client's memory and allocations are measured
/// alone: uploads are parsed as they arrive into an MD5 sink (<see cref="FakeUploadStorage.HashOnly"/>), downloads are generated
/// on the fly. The child prints the address, the two download ids and the credentials; the parent keeps the credentials in its
/// environment, so the child processes it starts later (peak memory) have them too.
/// </summary>
internal static class ServerProcess
{
    private const string ReadyPrefix = "LISTENING ";
    private const string Key1Variable = "CG_BENCH_KEY1";
    private const string Key2Variable = "CG_BENCH_KEY2";
    private const string TokenVariable = "CG_BENCH_TOKEN";
    private const string AccountIdVariable = "CG_BENCH_ACCOUNT_ID";

    /// <summary>The fake's first API key (for the SDK clients).</summary>
    public static string Key1 => Credential(Key1Variable);

    /// <summary>The fake's second API key (for the SDK clients).</summary>
    public static string Key2 => Credential(Key2Variable);

    /// <summary>An access token issued before the run, passed by hand by the raw clients (the fake keeps every token of the account).</summary>
    public static string Token => Credential(TokenVariable);

    /// <summary>The account id that goes with <see cref="Token"/>.</summary>
    public static string AccountId => Credential(AccountIdVariable);

    /// <summary>Child side: start the server, print its address, run until stdin closes.</summary>
    public static async Task<int> RunAsync()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions
        {
            UploadStorage = FakeUploadStorage.HashOnly, // no disk: every upload's MD5 and length, then the bytes are dropped
            OneTokenPerAccount = false, // the SDK clients, the raw clients and curl share one account without logging each other out
        });

        // Two downloadable files, generated on the fly: 64 MiB (file 1253, also the small call's file) and 1 GiB.
        FileId small = server.AddFile("small.bin", BenchmarkRun.SmallSize, TestPattern.Slice);
        FileId large = server.AddFile("large.bin", BenchmarkRun.LargeSize, TestPattern.Slice);
        (string token, string accountId) = await AuthorizeAsync(server);
        Console.WriteLine(string.Join(' ', ReadyPrefix.TrimEnd(), server.BaseAddress, small.Value.ToString(CultureInfo.InvariantCulture),
            large.Value.ToString(CultureInfo.InvariantCulture), server.Key1, server.Key2, token, accountId));
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
                Environment.SetEnvironmentVariable(Key1Variable, parts[3]);
                Environment.SetEnvironmentVariable(Key2Variable, parts[4]);
                Environment.SetEnvironmentVariable(TokenVariable, parts[5]);
                Environment.SetEnvironmentVariable(AccountIdVariable, parts[6]);
                return (process, new Uri(parts[0]), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
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

    /// <summary>Signs in once, as a user of the raw API would, for the raw clients' token.</summary>
    private static async Task<(string Token, string AccountId)> AuthorizeAsync(FakeUploadServer server)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([new("key1", server.Key1), new("key2", server.Key2)]);
        using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseAddress, "authorize"), form);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement data = json.RootElement.GetProperty("data");
        return (data.GetProperty("access_token").GetString()!, data.GetProperty("account_id").GetString()!);
    }

    private static string Credential(string variable) =>
        Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"{variable} is not set: start the server with ServerProcess.StartAsync first.");
}
