// Another instance of a fleet, in its own process, sharing a session with the test process through Redis.
//
//   worker get   <redis> <baseAddress> <key1> <key2> <lockExpiryMs>
//       prints "token <accessToken> <accountId>" (the stored token) or "none"
//   worker renew <redis> <baseAddress> <key1> <key2> <lockExpiryMs> <refusedAccessToken|-> <newAccessToken> <accountId>
//       RenewAsync whose authorize returns the new token; prints "token …" and "authorized <calls>"
//   worker hold  <redis> <baseAddress> <key1> <key2> <lockExpiryMs>
//       RenewAsync whose authorize prints "authorizing" (the lock is held) and never returns: a holder to kill
//   worker fleet <redis> <baseAddress> <key1> <key2> <lockExpiryMs> <fileId> <lanes>
//       an UploadClient sharing its session through the store: one call (prints "ready"), then <lanes> loops of calls
//       (Files.GetInfoAsync / Folders.ListAsync), printing "ok" or "failed <Kind>" per call, until a line "stop" (or the end)
//       on stdin; then prints "authorized <n>" (the sign-ins this process ran) and exits
using CodeGoodly.Upload;
using CodeGoodly.Upload.Redis;
using StackExchange.Redis;

if (args.Length < 6)
{
    Console.Error.WriteLine("usage: worker get|renew|hold|fleet <redis> <baseAddress> <key1> <key2> <lockExpiryMs> [<refused|-> <newToken> <accountId> | <fileId> <lanes>]");
    return 2;
}

string mode = args[0];
// Connected before the store is made, so the store's first call finds Redis up (a store with its own connection would go on
// without Redis while it is still connecting).
using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(args[1]);
// A long command timeout, as in the tests' own stores: a busy machine must not make this process give up on Redis and sign in alone.
using var store = new RedisUploadSessionStore(connection, new RedisUploadSessionStoreOptions
{
    LockExpiry = TimeSpan.FromMilliseconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)),
    CommandTimeout = TimeSpan.FromSeconds(10),
});
UploadSessionKey key = UploadSessionKey.For(new UploadClientOptions { BaseAddress = new Uri(args[2]), Key1 = args[3], Key2 = args[4] });

switch (mode)
{
    case "get":
        UploadSessionToken? stored = await store.GetAsync(key);
        Console.WriteLine(stored is null ? "none" : $"token {stored.AccessToken} {stored.AccountId}");
        return 0;

    case "renew":
        UploadSessionToken? refused = args[6] == "-" ? null : new UploadSessionToken(args[6], args[8]);
        int calls = 0;
        UploadSessionToken renewed = await store.RenewAsync(key, refused, _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new UploadSessionToken(args[7], args[8]));
        });
        Console.WriteLine($"token {renewed.AccessToken} {renewed.AccountId}");
        Console.WriteLine($"authorized {calls}");
        return 0;

    case "hold":
        await store.RenewAsync(key, null, async cancellationToken =>
        {
            Console.WriteLine("authorizing");
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return 1;

    case "fleet":
        return await Fleet.RunAsync(store, new Uri(args[2]), args[3], args[4],
            new FileId(long.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)), int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture));

    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}

/// <summary>The "fleet" mode: another instance of the fleet, making calls while the test process makes its own.</summary>
internal static class Fleet
{
    public static async Task<int> RunAsync(IUploadSessionStore redisStore, Uri baseAddress, string key1, string key2, FileId file, int lanes)
    {
        var store = new CountingStore(redisStore);
        await using var client = new UploadClient(new UploadClientOptions
        {
            BaseAddress = baseAddress,
            Key1 = key1,
            Key2 = key2,
            AllowInsecureHttp = true,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            SessionStore = store,
        });
        await client.Folders.ListAsync();
        Console.WriteLine("ready");

        using var stop = new CancellationTokenSource();
        Task stopped = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is { } line && line.Trim() != "stop")
            {
            }

            await stop.CancelAsync();
        });

        async Task LaneAsync(int lane)
        {
            for (int call = lane; !stop.IsCancellationRequested; call++)
            {
                try
                {
                    if (call % 2 == 0)
                    {
                        await client.Files.GetInfoAsync(file);
                    }
                    else
                    {
                        await client.Folders.ListAsync();
                    }

                    Console.WriteLine("ok");
                }
                catch (UploadApiException exception)
                {
                    Console.WriteLine($"failed {exception.Kind}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Run(() => LaneAsync(lane))));
        await stopped;
        Console.WriteLine($"authorized {store.Authorizations}");
        return 0;
    }

    /// <summary>Passes everything to the Redis store and counts the sign-ins it asked this process to run.</summary>
    private sealed class CountingStore(IUploadSessionStore inner) : IUploadSessionStore
    {
        private int authorizations;

        public int Authorizations => Volatile.Read(ref authorizations);

        public ValueTask<UploadSessionToken?> GetAsync(UploadSessionKey key, CancellationToken cancellationToken = default) =>
            inner.GetAsync(key, cancellationToken);

        public ValueTask<UploadSessionToken> RenewAsync(UploadSessionKey key, UploadSessionToken? refused,
            Func<CancellationToken, Task<UploadSessionToken>> authorize, CancellationToken cancellationToken = default) =>
            inner.RenewAsync(key, refused, ct =>
            {
                Interlocked.Increment(ref authorizations);
                return authorize(ct);
            }, cancellationToken);

        public ValueTask RemoveAsync(UploadSessionKey key, UploadSessionToken token, CancellationToken cancellationToken = default) =>
            inner.RemoveAsync(key, token, cancellationToken);
    }
}
