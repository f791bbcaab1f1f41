using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Redis.Tests.Fleet;

/// <summary>What one fleet run did: calls made and failed, the sign-ins the fake counted, how long it took.</summary>
/// <param name="Label">What ran (e.g. "Redis store", "no store").</param>
/// <param name="Instances">Clients, each with its own <see cref="UploadClient"/> (own HTTP pipeline) and its own store.</param>
/// <param name="Calls">Calls made (each one a <c>Files.GetInfoAsync</c> or a <c>Folders.ListAsync</c>).</param>
/// <param name="Failed">Calls that threw.</param>
/// <param name="Authorizes"><c>/authorize</c> requests the fake received during the run.</param>
/// <param name="Refused">Requests the fake refused with "Could not validate access_token" during the run.</param>
/// <param name="Expiries">Times every token was expired under the running calls.</param>
/// <param name="Elapsed">From the first call to the last answer.</param>
/// <param name="Failures">How the failed calls failed (<see cref="UploadApiException.Kind"/> or exception type), with counts.</param>
internal sealed record FleetResult(string Label, int Instances, int Calls, int Failed, int Authorizes, int Refused, int Expiries,
    TimeSpan Elapsed, IReadOnlyDictionary<string, int> Failures)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Sign-ins per expiry, not counting the fleet's first sign-in.</summary>
    public double AuthorizesPerExpiry => Expiries == 0 ? double.NaN : (Authorizes - 1) / (double)Expiries;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label}: {Instances} instances, {Calls} calls, {Failed} failed{(Failures.Count == 0 ? "" : " (" + string.Join(", ", Failures.Select(f => $"{f.Key} {f.Value}")) + ")")}, " +
        $"{Authorizes} /authorize for {Expiries} expiries ({AuthorizesPerExpiry:0.#} per expiry after the first sign-in), {Refused} refused requests, " +
        $"{Elapsed.TotalSeconds:0.0} s, {CallsPerSecond:0} calls/s");
}

/// <summary>
/// A fleet hammering one account of a <see cref="FakeUploadServer"/>: <see cref="Instances"/> clients, each its own
/// <see cref="UploadClient"/> with the store <see cref="StoreFor"/> gives it, make their calls concurrently while every token
/// is expired <see cref="Expiries"/> times, at fixed counts of completed calls (not at fixed times: the run is the same on a
/// slow machine). Shared by the fleet tests and the benchmark's <c>fleet</c> mode.
/// </summary>
internal sealed class FleetLoad(FakeUploadServer server, FileId file)
{
    public int Instances { get; init; } = 6;

    public int CallsPerInstance { get; init; } = 40;

    /// <summary>Calls each instance has in flight at once.</summary>
    public int ConcurrencyPerInstance { get; init; } = 2;

    public int Expiries { get; init; } = 3;

    /// <summary>The store of instance <c>n</c>; <see langword="null"/> for a session of its own (no store).</summary>
    public Func<int, IUploadSessionStore?> StoreFor { get; init; } = _ => null;

    /// <summary>More things to do when a number of calls has completed (e.g. kill Redis), besides the expiries.</summary>
    public IReadOnlyDictionary<int, Action> Events { get; set; } = new Dictionary<int, Action>();

    public int TotalCalls => Instances * CallsPerInstance;

    /// <summary>The completed-call counts at which every token is expired: evenly spread over the run.</summary>
    public IReadOnlyList<int> ExpiryPoints => [.. Enumerable.Range(1, Expiries).Select(k => TotalCalls * k / (Expiries + 1))];

    /// <summary>Uploads the file the fleet asks about, with a client of its own that signs out afterwards.</summary>
    public static async Task<FileId> PrepareAsync(FakeUploadServer server, CancellationToken cancellationToken)
    {
        await using UploadClient setup = server.CreateClient();
        using var content = new MemoryStream([1, 2, 3, 4]);
        UploadedFile uploaded = await setup.Files.UploadAsync(content, "fleet.txt", cancellationToken: cancellationToken);
        return uploaded.FileId;
    }

    /// <summary>Creates the fleet's clients (each with the store <see cref="StoreFor"/> gives it), runs the load, disposes them.</summary>
    public async Task<FleetResult> RunAsync(string label, CancellationToken cancellationToken)
    {
        UploadClient[] clients = CreateClients();
        try
        {
            return await RunAsync(label, clients, cancellationToken);
        }
        finally
        {
            foreach (UploadClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>One client per instance, each its own <see cref="UploadClient"/> (own HTTP pipeline) with the store <see cref="StoreFor"/> gives it.</summary>
    public UploadClient[] CreateClients() => [.. Enumerable.Range(0, Instances).Select(n =>
    {
        UploadClientOptions options = server.Options;
        options.SessionStore = StoreFor(n);
        return new UploadClient(options);
    })];

    /// <summary>Runs the load on clients the caller made with <see cref="CreateClients"/> (and disposes): <see cref="CallsPerInstance"/> calls each.</summary>
    public async Task<FleetResult> RunAsync(string label, IReadOnlyList<UploadClient> clients, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CallsPerInstance, ConcurrencyPerInstance);
        ArgumentOutOfRangeException.ThrowIfNotEqual(clients.Count, Instances);
        var actions = new Dictionary<int, List<Action>>();
        void At(int count, Action action)
        {
            if (!actions.TryGetValue(count, out List<Action>? list))
            {
                actions[count] = list = [];
            }

            list.Add(action);
        }

        foreach (int point in ExpiryPoints)
        {
            At(point, () => server.Faults.ExpireTokensNow());
        }

        foreach ((int count, Action action) in Events)
        {
            At(count, action);
        }

        int authorizesBefore = server.Journal.CountOf("authorize");
        int refusedBefore = Refusals();
        int completed = 0;
        int failed = 0;
        var failures = new ConcurrentDictionary<string, int>();

        async Task LaneAsync(UploadClient client, int calls, int lane)
        {
            for (int call = 0; call < calls; call++)
            {
                try
                {
                    if ((call + lane) % 2 == 0)
                    {
                        await client.Files.GetInfoAsync(file, cancellationToken);
                    }
                    else
                    {
                        await client.Folders.ListAsync(cancellationToken: cancellationToken);
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    failures.AddOrUpdate(exception is UploadApiException api ? api.Kind.ToString() : exception.GetType().Name, 1, (_, n) => n + 1);
                }

                if (actions.TryGetValue(Interlocked.Increment(ref completed), out List<Action>? due))
                {
                    due.ForEach(action => action());
                }
            }
        }

        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(clients.SelectMany((client, n) => Enumerable.Range(0, ConcurrencyPerInstance).Select(lane =>
            Task.Run(() => LaneAsync(client, CallsPerInstance / ConcurrencyPerInstance + (lane < CallsPerInstance % ConcurrencyPerInstance ? 1 : 0), n + lane),
                cancellationToken))));
        elapsed.Stop();

        return new FleetResult(label, clients.Count, completed, failed, server.Journal.CountOf("authorize") - authorizesBefore, Refusals() - refusedBefore,
            Expiries, elapsed.Elapsed, new SortedDictionary<string, int>(failures));
    }

    private int Refusals() => server.Journal.Count(entry => entry.ErrorMessage?.StartsWith("Could not validate access_token", StringComparison.Ordinal) == true);
}
