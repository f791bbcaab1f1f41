using System.Diagnostics;
using System.Globalization;
using CodeGoodly.Upload.Redis.Tests.Support;

namespace CodeGoodly.Upload.Redis.Tests;

/// <summary>Two processes of a fleet share one session: the worker (tests/CodeGoodly.Upload.Redis.Worker) is the other instance.</summary>
public sealed class CrossProcessTests(SharedRedis redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenewAsync_AnotherProcessRenewed_ReturnsItsTokenWithoutAuthorizing()
    {
        TestSession session = TestSession.New();
        UploadSessionToken workers = Tokens.New();
        string[] said = await Worker.RunAsync(redis.Configuration, session, "renew", "10000", "-", workers.AccessToken, workers.AccountId);
        Assert.Equal(["token " + workers.AccessToken + " " + workers.AccountId, "authorized 1"], said);
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        var authorizer = new Authorizer();

        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct);

        Assert.Equal(workers, renewed);
        Assert.Equal(0, authorizer.Calls);
    }

    [Fact]
    public async Task RenewAsync_ThisProcessRenewed_AnotherProcessReadsTheTokenAndDoesNotAuthorize()
    {
        TestSession session = TestSession.New();
        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration);
        UploadSessionToken mine = await store.RenewAsync(session.Key, null, new Authorizer().AuthorizeAsync, Ct);
        UploadSessionToken unused = Tokens.New();

        string[] got = await Worker.RunAsync(redis.Configuration, session, "get", "10000");
        string[] renewed = await Worker.RunAsync(redis.Configuration, session, "renew", "10000", "-", unused.AccessToken, unused.AccountId);

        Assert.Equal(["token " + mine.AccessToken + " " + mine.AccountId], got);
        Assert.Equal(["token " + mine.AccessToken + " " + mine.AccountId, "authorized 0"], renewed);
    }

    [Fact]
    public async Task RenewAsync_AnotherProcessCrashedWhileHoldingTheLock_AuthorizesOnceAfterTheLockExpires()
    {
        TestSession session = TestSession.New();
        string lockKey = "codegoodly:upload:session:" + session.Key.Id + ":lock";
        using Process holder = Worker.Start(redis.Configuration, session, "hold", "2000");
        try
        {
            Assert.Equal("authorizing", await holder.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct));
            Assert.True(await redis.Database.KeyExistsAsync(lockKey)); // the worker holds the lock, signing in
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync(Ct);
        }

        using RedisUploadSessionStore store = await Stores.OwnAsync(redis.Configuration, new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.FromSeconds(2) });
        var authorizer = new Authorizer();
        UploadSessionToken renewed = await store.RenewAsync(session.Key, null, authorizer.AuthorizeAsync, Ct).Guarded();

        Assert.Equal(1, authorizer.Calls);
        Assert.Equal(authorizer.Issued[0], renewed);
        Assert.Equal(renewed, await store.GetAsync(session.Key, Ct));
    }
}

/// <summary>Runs the worker, another instance of the fleet, in a process of its own.</summary>
internal static class Worker
{
    private static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "CodeGoodly.Upload.Redis.Worker.dll");

    public static Process Start(string redis, TestSession session, string mode, params string[] rest)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { Path, mode, redis, session.BaseAddress.AbsoluteUri, session.Key1, session.Key2 }.Concat(rest))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker.");
    }

    /// <summary>Runs the worker to its end and returns the lines it printed; fails the test if it failed.</summary>
    public static async Task<string[]> RunAsync(string redis, TestSession session, string mode, params string[] rest)
    {
        using Process worker = Start(redis, session, mode, rest);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Task<string> output = worker.StandardOutput.ReadToEndAsync(guard.Token);
        Task<string> errors = worker.StandardError.ReadToEndAsync(guard.Token);
        await worker.WaitForExitAsync(guard.Token);
        string said = await errors;
        Assert.True(worker.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"the worker exited with {worker.ExitCode}: {said}"));
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
