// Another instance of a fleet, in its own process, sharing a session with the test process through Redis.
//
//   worker get   <redis> <baseAddress> <key1> <key2> <lockExpiryMs>
//       prints "token <accessToken> <accountId>" (the stored token) or "none"
//   worker renew <redis> <baseAddress> <key1> <key2> <lockExpiryMs> <refusedAccessToken|-> <newAccessToken> <accountId>
//       RenewAsync whose authorize returns the new token; prints "token …" and "authorized <calls>"
//   worker hold  <redis> <baseAddress> <key1> <key2> <lockExpiryMs>
//       RenewAsync whose authorize prints "authorizing" (the lock is held) and never returns: a holder to kill
using CodeGoodly.Upload;
using CodeGoodly.Upload.Redis;
using StackExchange.Redis;

if (args.Length < 6)
{
    Console.Error.WriteLine("usage: worker get|renew|hold <redis> <baseAddress> <key1> <key2> <lockExpiryMs> [<refused|-> <newToken> <accountId>]");
    return 2;
}

string mode = args[0];
// Connected before the store is made, so the store's first call finds Redis up (a store with its own connection would go on
// without Redis while it is still connecting).
using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(args[1]);
using var store = new RedisUploadSessionStore(connection,
    new RedisUploadSessionStoreOptions { LockExpiry = TimeSpan.FromMilliseconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)) });
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

    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
