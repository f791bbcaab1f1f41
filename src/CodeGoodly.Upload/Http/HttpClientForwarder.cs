using System.Net;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Lets a caller's own <see cref="HttpClient"/> be the network end of the SDK's pipeline. Each send goes out as a fresh
/// copy of the request, because an <see cref="HttpClient"/> refuses to send one message twice and the pipeline repeats
/// requests (retries, re-authorization).
/// </summary>
/// <remarks>
/// The caller's handler may follow redirects by itself (<c>AllowAutoRedirect</c> is on by default), and a 307 or 308 would
/// re-post the body (keys, password, token) to wherever the server pointed. So an API request's body is sent only to the
/// address the SDK sent it to: redirected, the body is withheld and the call fails (<see cref="Redirects.Followed"/>). A 301,
/// 302 or 303 the handler followed carries no body, and <see cref="AnswerBufferingHandler"/> refuses its answer.
/// </remarks>
internal sealed class HttpClientForwarder(HttpClient client) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        SameAddressContent? guarded = request.Content is null ? null : new SameAddressContent(request.Content, copy, request.RequestUri);
        copy.Content = guarded;
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, object?> option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        try
        {
            return await client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (guarded?.WithheldFrom is { } target)
        {
            // The failure of the withheld body, in the handler's words; what happened is the redirect.
            throw Redirects.Followed(Endpoints.Of(request) ?? request.Method.Method, target);
        }
    }

    /// <summary>A request body that is written only while its request still goes to the address it was made for.</summary>
    private sealed class SameAddressContent : HttpContent
    {
        private readonly HttpContent inner;
        private readonly HttpRequestMessage sending;
        private readonly Uri? address;

        public SameAddressContent(HttpContent inner, HttpRequestMessage sending, Uri? address)
        {
            this.inner = inner;
            this.sending = sending;
            this.address = address;
            foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        /// <summary>Where the request was redirected to when its body was withheld, if it was.</summary>
        public Uri? WithheldFrom { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            if (sending.RequestUri != address)
            {
                WithheldFrom = sending.RequestUri;
                throw new InvalidOperationException("The request was redirected; its body is not sent to another address.");
            }

            return inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            long? known = inner.Headers.ContentLength;
            length = known ?? 0;
            return known is not null;
        }

        // The body it wraps belongs to the SDK's request: never disposed here.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
