using System.Net;
using System.Net.Sockets;
using Polly.Timeout;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// What may be sent again. Every call is a POST, so the rule is about effects: a read is retried after any transient
/// failure; a write only when the server certainly did not act on it (the connection was refused, or it answered 429 or
/// 503 — a rate limiter or an unavailable host turning the request away); a body that cannot be rewound never is.
/// The best-effort <c>/disable_access_token</c> is never retried.
/// </summary>
internal static class RetryRules
{
    public static bool ShouldRetry(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception)
    {
        if (request?.Content is MultipartFormBody upload)
        {
            return upload.ShouldRetry(response, exception); // uploads have their own never-duplicate rule
        }

        string? endpoint = request is null ? null : ApiEndpoint.Of(request);
        if (endpoint == ApiEndpoint.DisableAccessToken)
        {
            return false; // a best-effort sign-out, often from Dispose: one try, never a background retry loop
        }

        bool isWrite = endpoint is not null && ApiEndpoint.IsWrite(endpoint);
        if (response is not null)
        {
            return isWrite ? IsTurnedAway(response.StatusCode) : IsTransientStatus(response.StatusCode);
        }

        return exception is not null && (isWrite ? CertainlyNotSent(exception) : IsTransientException(exception));
    }

    /// <summary>408, 429 and 5xx: the server or a proxy in front of it failed or asked for patience.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>429 and 503: answers that say the request was turned away before the API acted on it.</summary>
    public static bool IsTurnedAway(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    public static bool IsTransientException(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or TimeoutException or IOException
        || (exception is OperationCanceledException && exception.InnerException is TimeoutException);

    /// <summary>True when no byte of the request can have reached the API: the connection itself was refused or never made.</summary>
    /// <param name="exception">The failure, as thrown by the primary handler (inner exceptions are searched).</param>
    public static bool CertainlyNotSent(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable })
            {
                return true;
            }

            // Raised only while opening the connection (DNS, TCP connect, TLS handshake, proxy tunnel): the request was not written yet.
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
            {
                return true;
            }
        }

        return false;
    }
}
