using System.Globalization;
using CodeGoodly.Upload.Redis;
using CodeGoodly.Upload.Redis.Tests.Fleet;
using CodeGoodly.Upload.Redis.Tests.Support;
using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CodeGoodly.Upload.Benchmarks -- fleet [instances callsPerInstance expiries]</c>: a fleet on one
/// account, in-process sessions against the Redis session store, same run. 8 instances (each its own <see cref="UploadClient"/>, and
/// with Redis its own <see cref="RedisUploadSessionStore"/> and connection) make 500 calls each (<c>Files.GetInfoAsync</c> and
/// <c>Folders.ListAsync</c>, two in flight per instance) against the fake server in this process, while every token is expired
/// 5 times at fixed counts of completed calls. Redis: <c>CODEGOODLY_TEST_REDIS</c>, else a redis-server started for the run on a
/// free port and stopped after it.
/// </summary>
internal static class FleetScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        int instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        int callsPerInstance = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        int expiries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

        string? given = Environment.GetEnvironmentVariable("CODEGOODLY_TEST_REDIS");
        RedisServer? own = string.IsNullOrWhiteSpace(given) ? await RedisServer.StartAsync() : null;
        string redis = own?.Configuration ?? given!;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CodeGoodly.Upload fleet benchmark — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine($"{instances} instances × {callsPerInstance} calls, {expiries} forced expiries; Redis {redis} ({(own is null ? "CODEGOODLY_TEST_REDIS" : "started for this run")})");

            // Warm-up (JIT, connection pools), not measured: a small run of each kind.
            await RunAsync("warm-up", redis, useRedis: false, 2, 20, 1);
            await RunAsync("warm-up", redis, useRedis: true, 2, 20, 1);

            FleetResult inProcess = await RunAsync("in-process sessions (no store)", redis, useRedis: false, instances, callsPerInstance, expiries);
            FleetResult shared = await RunAsync("Redis session store", redis, useRedis: true, instances, callsPerInstance, expiries);

            Console.WriteLine();
            Console.WriteLine("| sessions | calls | /authorize | per expiry¹ | refused requests | failed calls | calls/s | time |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (FleetResult result in new[] { inProcess, shared })
            {
                string failures = result.Failures.Count == 0 ? "" : " (" + string.Join(", ", result.Failures.Select(f => $"{f.Key} {f.Value}")) + ")";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {result.Label} | {result.Calls} | {result.Authorizes} | {result.AuthorizesPerExpiry:0.#} | {result.Refused} | {result.Failed}{failures} | {result.CallsPerSecond:0} | {result.Elapsed.TotalSeconds:0.0} s |"));
            }

            Console.WriteLine();
            Console.WriteLine("¹ /authorize after the fleet's first sign-in, divided by the forced expiries.");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return shared.Failed == 0 ? 0 : 1;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static async Task<FleetResult> RunAsync(string label, string redis, bool useRedis, int instances, int callsPerInstance, int expiries)
    {
        await using FakeUploadServer server = FakeUploadServer.Start();
        FileId file = await FleetLoad.PrepareAsync(server, CancellationToken.None);
        RedisUploadSessionStore[] stores = useRedis
            ? await Task.WhenAll(Enumerable.Range(0, instances).Select(async _ =>
            {
                var store = new RedisUploadSessionStore(redis); // the defaults a user gets
                await store.WhenConnectAttemptedAsync();
                return store;
            }))
            : [];
        try
        {
            return await new FleetLoad(server, file)
            {
                Instances = instances,
                CallsPerInstance = callsPerInstance,
                Expiries = expiries,
                StoreFor = n => useRedis ? stores[n] : null,
            }.RunAsync(label, CancellationToken.None);
        }
        finally
        {
            Array.ForEach(stores, store => store.Dispose());
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
