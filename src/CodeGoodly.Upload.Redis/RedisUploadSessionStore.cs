using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CodeGoodly.Upload.Redis;

/// <summary>
/// Shares one session (access token) per account across a fleet of instances through Redis: one <c>/authorize</c> per expiry
/// for the whole fleet instead of one per instance (each of which would log the others out).
/// </summary>
/// <remarks>
/// <para>Redis holds, per session, <c>{KeyPrefix}{id}</c> (the token, AES-GCM-encrypted with <see cref="UploadSessionKey.ProtectionKey"/>),
/// briefly <c>{KeyPrefix}{id}:lock</c> (a random owner while one instance signs in) and the channel <c>{KeyPrefix}{id}:renewed</c>.
/// The id is derived from the base address and credentials and reveals neither; Redis never sees a key, a password or a token in clear.</para>
/// <para>When Redis is down or slow the store carries on as if there were none: <see cref="GetAsync"/> returns <see langword="null"/>,
/// <see cref="RenewAsync"/> signs in itself, <see cref="RemoveAsync"/> does nothing. No Redis command is waited on longer than
/// <see cref="RedisUploadSessionStoreOptions.CommandTimeout"/>; after a failure Redis is left alone for
/// <see cref="RedisUploadSessionStoreOptions.RetryAfter"/> (or until the connection is restored), and one warning is logged per outage.</para>
/// </remarks>
/// <example>
/// <code>
/// var client = new UploadClient(new UploadClientOptions { Key1 = key1, Key2 = key2, SessionStore = new RedisUploadSessionStore("redis:6379") });
/// </code>
/// </example>
public sealed class RedisUploadSessionStore : IUploadSessionStore, IDisposable
{
    // Deletes KEYS[1] only while it still holds ARGV[1]: releases a lock only by its owner, removes a session only if unchanged.
    private const string CompareAndDeleteScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private readonly RedisUploadSessionStoreOptions options;
    private readonly ILogger logger;
    private readonly IConnectionMultiplexer? givenConnection;
    private readonly Task<IConnectionMultiplexer>? ownConnection;
    private long skipRedisUntil; // Stopwatch timestamp: Redis failed, leave it alone until then
    private int warned;          // 1 from the warning of an outage until Redis answers again
    private int disposed;

    /// <summary>
    /// Creates a store with its own connection to Redis, made in the background: construction neither blocks nor throws when
    /// Redis is down, and calls go on without Redis until it answers.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>"127.0.0.1:6379"</c> or <c>"redis:6379,password=…,ssl=true"</c>.</param>
    /// <exception cref="ArgumentException">The configuration string is empty or cannot be parsed.</exception>
    public RedisUploadSessionStore(string configuration)
        : this(configuration, new RedisUploadSessionStoreOptions())
    {
    }

    /// <summary>Creates a store with its own connection to Redis (see <see cref="RedisUploadSessionStore(string)"/>), tuned and logging.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string. <c>abortConnect</c> is forced off, the backlog to fail fast,
    /// and the sync and async timeouts to <see cref="RedisUploadSessionStoreOptions.CommandTimeout"/>.</param>
    /// <param name="options">Key prefix, lock expiry and timeouts.</param>
    /// <param name="logger">Where the store says that Redis is unavailable (once per outage); <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentException">The configuration string is empty or cannot be parsed, or an option is out of range.</exception>
    public RedisUploadSessionStore(string configuration, RedisUploadSessionStoreOptions options, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
        this.logger = logger ?? NullLogger.Instance;

        ConfigurationOptions redis = ConfigurationOptions.Parse(configuration);
        redis.AbortOnConnectFail = false;
        // Commands sent while disconnected fail at once instead of queueing until a timeout: the call goes on without Redis.
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.SyncTimeout = redis.AsyncTimeout = (int)this.options.CommandTimeout.TotalMilliseconds;
        ownConnection = Task.Run(() => ConnectAsync(redis));
    }

    /// <summary>Creates a store on a connection the caller owns (and disposes); the store never closes it.</summary>
    /// <param name="connection">The connection. With a disconnected connection the store carries on without Redis.</param>
    public RedisUploadSessionStore(IConnectionMultiplexer connection)
        : this(connection, new RedisUploadSessionStoreOptions())
    {
    }

    /// <summary>Creates a store on a connection the caller owns, tuned and logging.</summary>
    /// <param name="connection">The connection; the store never closes it. Its own backlog and timeouts still apply to its commands,
    /// but the store waits on none longer than <see cref="RedisUploadSessionStoreOptions.CommandTimeout"/>.</param>
    /// <param name="options">Key prefix, lock expiry and timeouts.</param>
    /// <param name="logger">Where the store says that Redis is unavailable (once per outage); <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RedisUploadSessionStore(IConnectionMultiplexer connection, RedisUploadSessionStoreOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
        this.logger = logger ?? NullLogger.Instance;
        givenConnection = connection;
        connection.ConnectionRestored += OnConnectionRestored;
    }

    /// <inheritdoc/>
    /// <remarks>Returns <see langword="null"/> when Redis is unavailable or the stored value cannot be decrypted.</remarks>
    public async ValueTask<UploadSessionToken?> GetAsync(UploadSessionKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        IDatabase? database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (database is null)
        {
            return null;
        }

        try
        {
            return (await ReadAsync(database, key, cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
        {
            MarkUnavailable(exception);
            return null;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Holds the Redis lock <c>{KeyPrefix}{id}:lock</c> (expiring after <see cref="RedisUploadSessionStoreOptions.LockExpiry"/>) while
    /// <paramref name="authorize"/> runs; other callers wait for the token it publishes, at most about that long, then sign in themselves.
    /// When Redis is unavailable <paramref name="authorize"/> is called without coordination. Its exceptions reach the caller unchanged.
    /// </remarks>
    public async ValueTask<UploadSessionToken> RenewAsync(UploadSessionKey key, UploadSessionToken? refused,
        Func<CancellationToken, Task<UploadSessionToken>> authorize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(authorize);
        IDatabase? database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        Coordination coordination = Coordination.WithoutRedis;
        if (database is not null)
        {
            try
            {
                coordination = await CoordinateAsync(database, key, refused, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
            {
                MarkUnavailable(exception);
            }
        }

        if (coordination.Found is { } found)
        {
            return found;
        }

        UploadSessionToken token;
        try
        {
            token = await authorize(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The authorize delegate returned no token.");
        }
        catch
        {
            if (coordination.LockOwner is { } owner)
            {
                await ReleaseLockAsync(database!, key, owner).ConfigureAwait(false);
            }

            throw;
        }

        if (coordination.ShareResult)
        {
            await ShareAsync(database!, key, token, coordination.LockOwner).ConfigureAwait(false);
        }

        return token;
    }

    /// <inheritdoc/>
    /// <remarks>Compares by decrypting what Redis holds, then deletes it only if Redis still holds those exact bytes. Does nothing when Redis is unavailable.</remarks>
    public async ValueTask RemoveAsync(UploadSessionKey key, UploadSessionToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        IDatabase? database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (database is null)
        {
            return;
        }

        try
        {
            (UploadSessionToken? stored, RedisValue raw) = await ReadAsync(database, key, cancellationToken).ConfigureAwait(false);
            if (token.Equals(stored))
            {
                await BoundedAsync(database.ScriptEvaluateAsync(CompareAndDeleteScript, [SessionKey(key)], [raw]), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
        {
            MarkUnavailable(exception);
        }
    }

    /// <summary>Closes the store's own connection (not one the caller gave it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (givenConnection is not null)
        {
            givenConnection.ConnectionRestored -= OnConnectionRestored;
        }
        else if (ownConnection is { IsCompletedSuccessfully: true })
        {
            DisposeOwn(ownConnection.Result);
        }

        // A connection still being made is closed by ConnectAsync when it completes.
    }

    /// <summary>Completes when the store's own first connection attempt has ended (at once for a connection the caller gave); for tests.</summary>
    internal Task WhenConnectAttemptedAsync() => ownConnection ?? Task.CompletedTask;

    private async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions redis)
    {
        ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        connection.ConnectionRestored += OnConnectionRestored;
        if (Volatile.Read(ref disposed) != 0)
        {
            DisposeOwn(connection);
        }
        else if (connection.IsConnected)
        {
            // A first call that gave up waiting for the connection must not keep the whole fleet uncoordinated for RetryAfter.
            Volatile.Write(ref skipRedisUntil, 0);
        }

        return connection;
    }

    private void DisposeOwn(IConnectionMultiplexer connection)
    {
        connection.ConnectionRestored -= OnConnectionRestored;
        connection.Dispose();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Volatile.Write(ref skipRedisUntil, 0);

    /// <summary>The database to use, or <see langword="null"/> when Redis is to be left alone (failed lately, not connected).</summary>
    private async ValueTask<IDatabase?> DatabaseAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() < Volatile.Read(ref skipRedisUntil))
        {
            return null;
        }

        IConnectionMultiplexer connection;
        if (givenConnection is not null)
        {
            connection = givenConnection;
        }
        else
        {
            try
            {
                connection = await ownConnection!.WaitAsync(options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
            {
                MarkUnavailable(exception is TimeoutException ? "still connecting" : exception.GetType().Name);
                return null;
            }
        }

        if (!connection.IsConnected)
        {
            MarkUnavailable("not connected");
            return null;
        }

        return connection.GetDatabase();
    }

    /// <summary>
    /// Everything before <c>authorize</c>: a usable stored token, or the lock (after re-reading under it), or, after waiting about
    /// <see cref="RedisUploadSessionStoreOptions.LockExpiry"/> for a holder that neither publishes nor lets go, permission to go alone.
    /// </summary>
    private async Task<Coordination> CoordinateAsync(IDatabase database, UploadSessionKey key, UploadSessionToken? refused, CancellationToken cancellationToken)
    {
        UploadSessionToken? stored = (await ReadAsync(database, key, cancellationToken).ConfigureAwait(false)).Token;
        if (IsNewer(stored, refused))
        {
            return Coordination.Use(stored!);
        }

        // Subscribed before the lock is tried, so a token published while this caller waits wakes it; the poll covers a lost message.
        var wakeUp = new WakeUp();
        Action<RedisChannel, RedisValue> onRenewed = (_, _) => wakeUp.Signal();
        ISubscriber subscriber = database.Multiplexer.GetSubscriber();
        RedisChannel channel = RenewedChannel(key);
        await BoundedAsync(subscriber.SubscribeAsync(channel, onRenewed), cancellationToken).ConfigureAwait(false);
        try
        {
            long started = Stopwatch.GetTimestamp();
            TimeSpan longestWait = options.LockExpiry + (2 * options.PollInterval);
            while (true)
            {
                string owner = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                if (await BoundedAsync(database.StringSetAsync(LockKey(key), owner, options.LockExpiry, When.NotExists), cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        // Someone may have stored a newer token between the read above and taking the lock.
                        stored = (await ReadAsync(database, key, cancellationToken).ConfigureAwait(false)).Token;
                    }
                    catch
                    {
                        await ReleaseLockAsync(database, key, owner).ConfigureAwait(false);
                        throw;
                    }

                    if (IsNewer(stored, refused))
                    {
                        await ReleaseLockAsync(database, key, owner).ConfigureAwait(false);
                        return Coordination.Use(stored!);
                    }

                    return Coordination.Locked(owner);
                }

                TimeSpan waited = Stopwatch.GetElapsedTime(started);
                if (waited >= longestWait)
                {
                    RedisStoreLog.LockWaitExpired(logger, (long)waited.TotalMilliseconds, key.Id);
                    return Coordination.Alone;
                }

                await wakeUp.WaitAsync(options.PollInterval, cancellationToken).ConfigureAwait(false);
                stored = (await ReadAsync(database, key, cancellationToken).ConfigureAwait(false)).Token;
                if (IsNewer(stored, refused))
                {
                    return Coordination.Use(stored!);
                }
            }
        }
        finally
        {
            try
            {
                await subscriber.UnsubscribeAsync(channel, onRenewed, CommandFlags.FireAndForget).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsRedisFailure(exception, CancellationToken.None))
            {
                // Best effort: the handler is removed locally either way.
            }
        }
    }

    /// <summary>Stores the new token, tells the waiters and lets go of the lock; best effort, bounded, not cancellable (other callers want the token).</summary>
    private async Task ShareAsync(IDatabase database, UploadSessionKey key, UploadSessionToken token, string? lockOwner)
    {
        try
        {
            await BoundedAsync(database.StringSetAsync(SessionKey(key), TokenProtector.Protect(key, token), options.SessionTimeToLive, When.Always), CancellationToken.None).ConfigureAwait(false);
            await BoundedAsync(database.PublishAsync(RenewedChannel(key), "renewed"), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRedisFailure(exception, CancellationToken.None))
        {
            // The lock expires by itself; waiting on a failing Redis to release it would only stall this call.
            MarkUnavailable(exception);
            return;
        }

        if (lockOwner is not null)
        {
            await ReleaseLockAsync(database, key, lockOwner).ConfigureAwait(false);
        }
    }

    private async Task ReleaseLockAsync(IDatabase database, UploadSessionKey key, string owner)
    {
        try
        {
            await BoundedAsync(database.ScriptEvaluateAsync(CompareAndDeleteScript, [LockKey(key)], [owner]), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRedisFailure(exception, CancellationToken.None))
        {
            MarkUnavailable(exception);
        }
    }

    private async Task<(UploadSessionToken? Token, RedisValue Raw)> ReadAsync(IDatabase database, UploadSessionKey key, CancellationToken cancellationToken)
    {
        RedisValue raw = await BoundedAsync(database.StringGetAsync(SessionKey(key)), cancellationToken).ConfigureAwait(false);
        if (raw.IsNull)
        {
            return (null, raw);
        }

        UploadSessionToken? token = TokenProtector.Unprotect(key, (byte[])raw!);
        if (token is null)
        {
            RedisStoreLog.StoredSessionUnreadable(logger, key.Id);
        }

        return (token, raw);
    }

    /// <summary>Waits for a Redis command at most <see cref="RedisUploadSessionStoreOptions.CommandTimeout"/>, whatever the connection's own timeouts.</summary>
    private async Task<T> BoundedAsync<T>(Task<T> command, CancellationToken cancellationToken)
    {
        await BoundedAsync((Task)command, cancellationToken).ConfigureAwait(false);
        return await command.ConfigureAwait(false);
    }

    private async Task BoundedAsync(Task command, CancellationToken cancellationToken)
    {
        try
        {
            await command.WaitAsync(options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is TimeoutException or OperationCanceledException) && !command.IsCompleted)
        {
            // The command may still fail later; observe it so it does not surface as an unobserved task exception.
            _ = command.ContinueWith(static done => _ = done.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        if (Volatile.Read(ref warned) != 0 && Interlocked.CompareExchange(ref warned, 0, 1) == 1)
        {
            RedisStoreLog.AvailableAgain(logger);
        }
    }

    private void MarkUnavailable(Exception exception) =>
        MarkUnavailable(exception is TimeoutException ? $"no answer within {options.CommandTimeout.TotalMilliseconds} ms" : exception.GetType().Name);

    private void MarkUnavailable(string reason)
    {
        Volatile.Write(ref skipRedisUntil, Stopwatch.GetTimestamp() + (long)(options.RetryAfter.TotalSeconds * Stopwatch.Frequency));
        if (Interlocked.Exchange(ref warned, 1) == 0)
        {
            RedisStoreLog.Unavailable(logger, reason, options.RetryAfter.TotalSeconds);
        }
    }

    /// <summary>Any failure of a Redis command (refused, dropped, timed out, an error reply), but not the caller's own cancellation.</summary>
    private static bool IsRedisFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static bool IsNewer(UploadSessionToken? stored, UploadSessionToken? refused) => stored is not null && !stored.Equals(refused);

    private RedisKey SessionKey(UploadSessionKey key) => options.KeyPrefix + key.Id;

    private RedisKey LockKey(UploadSessionKey key) => options.KeyPrefix + key.Id + ":lock";

    private RedisChannel RenewedChannel(UploadSessionKey key) => RedisChannel.Literal(options.KeyPrefix + key.Id + ":renewed");

    /// <summary>What <see cref="RenewAsync"/> does after coordinating: use a stored token, or authorize (holding the lock or not) and maybe share the result.</summary>
    private readonly record struct Coordination(UploadSessionToken? Found, string? LockOwner, bool ShareResult)
    {
        public static Coordination WithoutRedis => new(null, null, ShareResult: false);

        public static Coordination Alone => new(null, null, ShareResult: true);

        public static Coordination Use(UploadSessionToken token) => new(token, null, ShareResult: false);

        public static Coordination Locked(string owner) => new(null, owner, ShareResult: true);
    }

    /// <summary>Wakes a waiting caller when another instance publishes a token; each wait also ends after a poll interval.</summary>
    private sealed class WakeUp
    {
        private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Signal() => Volatile.Read(ref signal).TrySetResult();

        public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
        {
            Task signalled = Volatile.Read(ref signal).Task;
            await Task.WhenAny(signalled, Task.Delay(pollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (signalled.IsCompleted)
            {
                // A message arriving from here on completes the next wait at once; the caller re-reads Redis right after this one.
                Volatile.Write(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
    }
}
