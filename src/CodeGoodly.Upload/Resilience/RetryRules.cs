using System.Net;
using System.Net.Sockets;
using CodeGoodly.Upload.Api;
using Polly.Timeout;

namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// What may be sent again: the one place that decides it, for every API call. Every call is a POST, so the rule is about
/// effects. A read is resent after any transient failure. A write (uploads included) is resent only when the server
/// certainly did not act on it: the connection was refused or never opened, the body was not fully sent (only an upload
/// knows that), or the answer was 429 or 503 (a rate limiter or an unavailable host turning the request away). Any other
/// 5xx to a write leaves its effect unknown (<see cref="MayHaveActed"/>): a PHP script can store a file and then fail.
/// A body that cannot be rewound, or whose own stream failed, is never resent. The best-effort <c>/disable_access_token</c>
/// is never resent, and a download GET is left to <c>FileDownloader</c>, its only retry owner.
/// </summary>
internal static class RetryRules
{
    public static bool ShouldRetry(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception)
    {
        string? endpoint = request is null ? null : Endpoints.Of(request);
        if (endpoint is null || endpoint == Endpoints.DisableAccessToken)
        {
            // Not an API call (a download GET: FileDownloader resumes it), or a best-effort sign-out, often from Dispose:
            // one try, never a background retry loop.
            return false;
        }

        // An upload's body reports facts about the attempt; the decision stays here.
        var upload = request!.Content as IUploadBodyFacts;
        if (upload is { CanReplay: false } or { HasLocalFailure: true })
        {
            return false;
        }

        if (!Endpoints.IsWrite(endpoint))
        {
            return response is not null ? IsTransientStatus(response.StatusCode) : exception is not null && IsTransientException(exception);
        }

        if (response is not null)
        {
            return IsTurnedAway(response.StatusCode);
        }

        return exception is not null
            && (CertainlyNotSent(exception) || (upload is { BodyCompleted: false } && exception is not OperationCanceledException));
    }

    /// <summary>408, 429 and 5xx: the server or a proxy in front of it failed or asked for patience.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>429 and 503: answers that say the request was turned away before the API acted on it.</summary>
    public static bool IsTurnedAway(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>
    /// Whether a write answered with <paramref name="status"/> may have taken effect: any 5xx but 503 (500 from a script that failed
    /// after acting, 502/504 from a gateway that gave up waiting, Cloudflare's 520–524, …).
    /// </summary>
    public static bool MayHaveActed(int status) => status is >= 500 and <= 599 && status != (int)HttpStatusCode.ServiceUnavailable;

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
