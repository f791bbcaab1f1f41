using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CodeGoodly.Upload.Redis.Tests.Support;
using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Redis.Tests.Fleet;

/// <summary>
/// A fleet across processes: the worker (tests/CodeGoodly.Upload.Redis.Worker, mode "fleet") runs an <see cref="UploadClient"/>
/// with a <see cref="RedisUploadSessionStore"/> of its own against the same fake server and Redis, making calls all along, while
/// this process's six clients make theirs and the tokens expire under both.
/// </summary>
public sealed class CrossProcessFleetTests(SharedRedis redis)
{
    private const int Expiries = 3;
    private const int WorkerCallsAfterEachExpiry = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_AnotherProcessSharesTheSessionWhileTokensExpire_OneSignInPerExpiryAcrossBothAndNoCallFails()
    {
        await using FakeUploadServer server = FakeUploadServer.Start();
        FileId file = await FleetLoad.PrepareAsync(server, Ct);
        int authorizesBefore = server.Journal.CountOf("authorize");
        RedisUploadSessionStore[] stores = await FleetStores.OwnAsync(redis.Configuration, 6);
        try
        {
            // This process's fleet signs in first; the worker then starts on the stored token.
            FleetResult first = await new FleetLoad(server, file) { Expiries = 0, StoreFor = n => stores[n] }.RunAsync("this process, no expiry", Ct);
            var session = new TestSession(server.BaseAddress, server.Key1, server.Key2, UploadSessionKey.For(server.Options));
            await using var worker = FleetWorker.Start(redis.Configuration, session, file);
            await worker.Ready.WaitAsync(TimeSpan.FromSeconds(120), Ct);

            var rounds = new List<FleetResult> { first };
            for (int round = 0; round < Expiries; round++)
            {
                // One expiry in the middle of this process's calls; the worker is calling all along.
                var load = new FleetLoad(server, file) { Expiries = 1, StoreFor = n => stores[n] };
                int workerCallsAtExpiry = -1;
                load.Events = new Dictionary<int, Action> { [load.ExpiryPoints[0]] = () => workerCallsAtExpiry = worker.Succeeded + worker.Failed.Count };
                rounds.Add(await load.RunAsync($"this process, expiry {round + 1}", Ct));
                await worker.WhenCallsReachAsync(workerCallsAtExpiry + WorkerCallsAfterEachExpiry, Ct);
            }

            WorkerResult fromWorker = await worker.StopAsync(Ct);
            int authorizes = server.Journal.CountOf("authorize") - authorizesBefore;
            rounds.ForEach(r => TestContext.Current.TestOutputHelper?.WriteLine(r.ToString()));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker process: {fromWorker.Succeeded} calls ok, {fromWorker.Failed.Count} failed, {fromWorker.Authorized} /authorize run there; " +
                $"both processes: {authorizes} /authorize for {Expiries} expiries"));

            Assert.Empty(fromWorker.Failed);
            Assert.All(rounds, r => Assert.Equal(0, r.Failed));
            Assert.True(fromWorker.Succeeded >= Expiries * WorkerCallsAfterEachExpiry);
            Assert.True(authorizes <= 1 + Expiries + 2, $"{authorizes} sign-ins for {Expiries} expiries across both processes");
        }
        finally
        {
            Array.ForEach(stores, store => store.Dispose());
        }
    }
}

/// <summary>What the worker process reported when it stopped.</summary>
internal sealed record WorkerResult(int Succeeded, IReadOnlyList<string> Failed, int Authorized);

/// <summary>The worker in "fleet" mode: reads its "ok"/"failed" lines as they come, stops it with "stop" on stdin.</summary>
internal sealed class FleetWorker : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120); // a hang guard, not a claim about speed
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> failed = new();
    private readonly Task reading;
    private readonly Task<string> errors;
    private int succeeded;
    private int authorized = -1;

    private FleetWorker(Process process)
    {
        this.process = process;
        reading = Task.Run(ReadAsync);
        errors = process.StandardError.ReadToEndAsync();
    }

    public Task Ready => ready.Task;

    public int Succeeded => Volatile.Read(ref succeeded);

    public IReadOnlyList<string> Failed => [.. failed];

    public static FleetWorker Start(string redis, TestSession session, FileId file) =>
        new(Worker.Start(redis, session, "fleet", "10000", file.ToString(), "2"));

    /// <summary>Waits until the worker has made at least <paramref name="calls"/> calls (ok or failed).</summary>
    public async Task WhenCallsReachAsync(int calls, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (Succeeded + failed.Count < calls)
        {
            Assert.False(reading.IsCompleted, $"the worker stopped early: {await ErrorsSoFarAsync()}");
            Assert.True(waited.Elapsed < Guard, $"the worker made {Succeeded + failed.Count} calls, not {calls}");
            await Task.Delay(20, cancellationToken);
        }
    }

    public async Task<WorkerResult> StopAsync(CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync("stop".AsMemory(), cancellationToken);
        await process.StandardInput.FlushAsync(cancellationToken);
        await reading.WaitAsync(Guard, cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(Guard, cancellationToken);
        Assert.True(process.ExitCode == 0, $"the worker exited with {process.ExitCode}: {await errors}");
        Assert.True(authorized >= 0, "the worker did not say how many sign-ins it ran");
        return new WorkerResult(Succeeded, Failed, authorized);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ok")
            {
                Interlocked.Increment(ref succeeded);
            }
            else if (line == "ready")
            {
                ready.TrySetResult();
            }
            else if (line.StartsWith("failed ", StringComparison.Ordinal))
            {
                failed.Enqueue(line);
            }
            else if (line.StartsWith("authorized ", StringComparison.Ordinal))
            {
                authorized = int.Parse(line["authorized ".Length..], CultureInfo.InvariantCulture);
            }
        }

        ready.TrySetException(new InvalidOperationException("The worker ended before it was ready."));
    }

    private async Task<string> ErrorsSoFarAsync() => process.HasExited ? await errors : "(still running)";
}
