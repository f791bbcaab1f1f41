namespace CodeGoodly.Upload.Redis;

/// <summary>Tunes a <see cref="RedisUploadSessionStore"/>: key names, the sign-in lock, and how quickly it gives up on Redis.</summary>
/// <remarks>Every instance of a fleet should use the same <see cref="KeyPrefix"/> and <see cref="LockExpiry"/>.</remarks>
public sealed class RedisUploadSessionStoreOptions
{
    /// <summary>The start of every key and channel the store uses; default <c>codegoodly:upload:session:</c>.</summary>
    public string KeyPrefix { get; set; } = "codegoodly:upload:session:";

    /// <summary>
    /// How long the sign-in lock lasts if its holder never releases it (a crashed instance); also how long a caller waits for
    /// another instance's sign-in before it signs in itself. Default 10 s.
    /// </summary>
    public TimeSpan LockExpiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest one Redis command may take before the store gives up on it and carries on without Redis; default 1 s.
    /// For a connection the store creates itself this is also the connection's sync and async timeout.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the store leaves Redis alone after it failed or timed out (calls go on as without a store), unless the connection
    /// reports that it is back sooner. Default 10 s.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a caller waiting for another instance's sign-in checks Redis, besides being notified; default 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long Redis keeps a stored session after its last write, or <see langword="null"/> (the default) to keep it until it is
    /// replaced or removed. An expired session only costs the next instance that needs it one sign-in.
    /// </summary>
    public TimeSpan? SessionTimeToLive { get; set; }

    internal RedisUploadSessionStoreOptions Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(KeyPrefix, nameof(KeyPrefix));
        Positive(LockExpiry, nameof(LockExpiry));
        Positive(CommandTimeout, nameof(CommandTimeout));
        Positive(RetryAfter, nameof(RetryAfter));
        Positive(PollInterval, nameof(PollInterval));
        if (SessionTimeToLive is { } ttl)
        {
            Positive(ttl, nameof(SessionTimeToLive));
        }

        // A copy: changing the options after the store was created does not change the store.
        return new RedisUploadSessionStoreOptions
        {
            KeyPrefix = KeyPrefix,
            LockExpiry = LockExpiry,
            CommandTimeout = CommandTimeout,
            RetryAfter = RetryAfter,
            PollInterval = PollInterval,
            SessionTimeToLive = SessionTimeToLive,
        };
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and at most {int.MaxValue} ms.");
        }
    }
}
