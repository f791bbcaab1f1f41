using Microsoft.Extensions.Logging;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>
/// The SDK's log events (category <c>CodeGoodly.Upload</c>). Event ids are stable: 1xxx HTTP requests, 2xxx sign-in,
/// 3xxx retries, 4xxx transfers. No event carries a form body, a key, a password, an access token or an unredacted download URL.
/// </summary>
internal static partial class UploadLog
{
    [LoggerMessage(EventId = 1001, EventName = "RequestStarting", Level = LogLevel.Debug,
        Message = "Sending {Method} {Endpoint} (attempt {Attempt})")]
    public static partial void RequestStarting(ILogger logger, string method, string endpoint, int attempt);

    [LoggerMessage(EventId = 1002, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "{Method} {Endpoint} answered HTTP {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string endpoint, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1003, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "{Method} {Endpoint} got no answer after {ElapsedMilliseconds} ms: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string endpoint, long elapsedMilliseconds, string reason);

    [LoggerMessage(EventId = 2001, EventName = "Authorizing", Level = LogLevel.Debug,
        Message = "Authorizing with {CredentialKind}")]
    public static partial void Authorizing(ILogger logger, string credentialKind);

    [LoggerMessage(EventId = 2002, EventName = "Authorized", Level = LogLevel.Information,
        Message = "Authorized account {AccountId} in {ElapsedMilliseconds} ms")]
    public static partial void Authorized(ILogger logger, string accountId, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2003, EventName = "AuthorizationFailed", Level = LogLevel.Warning,
        Message = "Authorization failed after {ElapsedMilliseconds} ms ({ErrorType}): {Reason}")]
    public static partial void AuthorizationFailed(ILogger logger, long elapsedMilliseconds, string errorType, string reason);

    [LoggerMessage(EventId = 2004, EventName = "Reauthorizing", Level = LogLevel.Information,
        Message = "{Endpoint}: the server refused the access token ({Reason}); authorizing again and repeating the call (refusal {Refusal})")]
    public static partial void Reauthorizing(ILogger logger, string endpoint, string reason, int refusal);

    [LoggerMessage(EventId = 2005, EventName = "SignOutFailed", Level = LogLevel.Warning,
        Message = "Signing out failed ({ErrorType}): {Reason}; the server drops the token when it expires")]
    public static partial void SignOutFailed(ILogger logger, string errorType, string reason);

    [LoggerMessage(EventId = 2006, EventName = "SessionStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared session store failed ({ErrorType}): {Reason}; signing in without it until it answers again")]
    public static partial void SessionStoreUnavailable(ILogger logger, string errorType, string reason);

    [LoggerMessage(EventId = 3001, EventName = "Retrying", Level = LogLevel.Warning,
        Message = "Retrying {Method} {Endpoint} (retry {Retry}) after {Reason}; waited {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string method, string endpoint, int retry, string reason, long delayMilliseconds);

    [LoggerMessage(EventId = 4001, EventName = "UploadStarting", Level = LogLevel.Information,
        Message = "Uploading a request body of {Length} bytes")]
    public static partial void UploadStarting(ILogger logger, string length);

    [LoggerMessage(EventId = 4002, EventName = "UploadCompleted", Level = LogLevel.Information,
        Message = "Uploaded {Bytes} bytes in {ElapsedMilliseconds} ms ({BytesPerSecond} B/s), HTTP {StatusCode}")]
    public static partial void UploadCompleted(ILogger logger, long bytes, long elapsedMilliseconds, long bytesPerSecond, int statusCode);

    [LoggerMessage(EventId = 4003, EventName = "DownloadStarting", Level = LogLevel.Information,
        Message = "Downloading {Url}")]
    public static partial void DownloadStarting(ILogger logger, string url);

    [LoggerMessage(EventId = 4004, EventName = "DownloadCompleted", Level = LogLevel.Information,
        Message = "Downloaded {Bytes} bytes in {ElapsedMilliseconds} ms ({BytesPerSecond} B/s) from {Url}")]
    public static partial void DownloadCompleted(ILogger logger, long bytes, long elapsedMilliseconds, long bytesPerSecond, string url);

    [LoggerMessage(EventId = 4005, EventName = "DownloadInterrupted", Level = LogLevel.Warning,
        Message = "Download from {Url} stopped after {Bytes} bytes in {ElapsedMilliseconds} ms")]
    public static partial void DownloadInterrupted(ILogger logger, string url, long bytes, long elapsedMilliseconds);
}
