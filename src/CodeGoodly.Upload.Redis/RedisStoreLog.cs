using Microsoft.Extensions.Logging;

namespace CodeGoodly.Upload.Redis;

/// <summary>
/// The Redis session store's log events (category <c>CodeGoodly.Upload.Redis.RedisUploadSessionStore</c>), ids 5xxx.
/// No event carries a token, a key, a password or the connection string.
/// </summary>
internal static partial class RedisStoreLog
{
    [LoggerMessage(EventId = 5001, EventName = "RedisUnavailable", Level = LogLevel.Warning,
        Message = "Redis session store unavailable ({Reason}): sessions are not shared until it answers again; retrying in {RetryAfterSeconds} s or when the connection is restored")]
    public static partial void Unavailable(ILogger logger, string reason, double retryAfterSeconds);

    [LoggerMessage(EventId = 5002, EventName = "RedisAvailableAgain", Level = LogLevel.Information,
        Message = "Redis session store answers again: sessions are shared again")]
    public static partial void AvailableAgain(ILogger logger);

    [LoggerMessage(EventId = 5003, EventName = "StoredSessionUnreadable", Level = LogLevel.Debug,
        Message = "The session stored for {SessionId} could not be decrypted (another format, or altered); treated as absent")]
    public static partial void StoredSessionUnreadable(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5004, EventName = "LockWaitExpired", Level = LogLevel.Warning,
        Message = "Waited {WaitedMilliseconds} ms for another instance to sign in to session {SessionId}; signing in without the lock")]
    public static partial void LockWaitExpired(ILogger logger, long waitedMilliseconds, string sessionId);
}
