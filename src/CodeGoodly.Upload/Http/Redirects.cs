using System.Net;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Redirects and download addresses, in one place. An API call never follows a redirect: its body carries the keys, the password
/// or the access token, and a 3xx may point anywhere; the answer becomes an <see cref="UploadApiException"/> that names where it
/// pointed, and nothing is sent there. A download (the plain GET of a <c>download_url</c>) may follow up to
/// <see cref="MaxDownloadHops"/> redirects, each a new plain GET, to an address <see cref="DownloadAddress"/> accepts.
/// </summary>
internal static class Redirects
{
    /// <summary>The most redirects one download GET follows.</summary>
    public const int MaxDownloadHops = 5;

    /// <summary>Whether a download follows this answer (301, 302, 303, 307, 308), given a <c>Location</c>.</summary>
    public static bool IsFollowable(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The answer's <c>Location</c>, made absolute against the address it answered, or <see langword="null"/>.</summary>
    public static Uri? Location(HttpResponseMessage response, Uri? requested) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location
        : requested is { IsAbsoluteUri: true } ? new Uri(requested, location) : null;

    /// <summary>
    /// Why an API call's answer cannot be used because of a redirect, or <see langword="null"/>: a 3xx (not followed), or an
    /// answer from another address than the one the call was sent to (a caller's handler followed the redirect).
    /// </summary>
    /// <param name="endpoint">The API endpoint.</param>
    /// <param name="response">The answer.</param>
    /// <param name="sentTo">The address the call was sent to.</param>
    public static UploadApiException? Refusal(string endpoint, HttpResponseMessage response, Uri? sentTo)
    {
        int status = (int)response.StatusCode;
        if (status is >= 300 and <= 399)
        {
            Uri? location = Location(response, sentTo);
            return new UploadApiException(UploadErrorKind.UnexpectedResponse, endpoint,
                $"{endpoint} failed (UnexpectedResponse, HTTP {status}): the server redirected the call to "
                + (location is null ? "no address (the answer has no Location)" : Redaction.RedactUrl(location))
                + ". API calls never follow redirects (their bodies carry the keys, the password or the access token), so nothing was sent there."
                + " Check BaseAddress: its scheme, host name and path (…/api/v2/).",
                status);
        }

        return response.RequestMessage?.RequestUri is { } answeredFrom && sentTo is not null && answeredFrom != sentTo
            ? Followed(endpoint, answeredFrom)
            : null;
    }

    /// <summary>The error for an API call that the caller's own <see cref="HttpClient"/> redirected to <paramref name="target"/> by itself.</summary>
    public static UploadApiException Followed(string endpoint, Uri target) =>
        new(UploadErrorKind.UnexpectedResponse, endpoint,
            $"{endpoint} failed (UnexpectedResponse): the server redirected the call to {Redaction.RedactUrl(target)}, and the HttpClient given to "
            + "UploadClient follows redirects by itself. API calls never follow redirects: no request body was sent there and its answer was not read. "
            + "Set AllowAutoRedirect = false on that HttpClient's handler, and check BaseAddress: its scheme, host name and path (…/api/v2/).");

    /// <summary>
    /// The address to GET a download (or one of its redirects) from: an <c>https</c> URL as it is; an <c>http</c> one as it is only
    /// with <see cref="UploadClientOptions.AllowInsecureHttp"/>; else, on the API's own host, upgraded to <c>https</c> (the API's
    /// port); anywhere else refused before anything is sent, since the one-off token and the file would travel in clear text.
    /// </summary>
    /// <param name="url">The link or the redirect's target.</param>
    /// <param name="baseAddress">The API's address.</param>
    /// <param name="allowInsecureHttp">Whether plain <c>http</c> is allowed.</param>
    /// <param name="redirected">Whether <paramref name="url"/> is a redirect's target (for the message).</param>
    /// <exception cref="UploadApiException">The address is refused.</exception>
    public static Uri DownloadAddress(Uri url, Uri baseAddress, bool allowInsecureHttp, bool redirected)
    {
        if (url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps)
        {
            return url;
        }

        string what = redirected ? "The download was redirected to" : "The download link is";
        if (url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttp)
        {
            if (allowInsecureHttp)
            {
                return url;
            }

            if (baseAddress.Scheme == Uri.UriSchemeHttps && string.Equals(url.IdnHost, baseAddress.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                return new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = baseAddress.Port }.Uri; // the API's own host speaks https
            }

            throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoints.FileDownload,
                $"{Endpoints.FileDownload} failed (UnexpectedResponse): {what} {Redaction.RedactUrl(url)}, plain http on another host than the API's "
                + $"({baseAddress.Host}): its one-off token and the file would travel in clear text, so it was not fetched. Set AllowInsecureHttp to allow it (a test server).");
        }

        throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoints.FileDownload,
            $"{Endpoints.FileDownload} failed (UnexpectedResponse): {what} {Redaction.RedactUrl(url)}, which is not an https address; it was not fetched.");
    }
}
