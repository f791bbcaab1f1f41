using System.Buffers;
using System.Net.Http.Headers;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Reads each API answer once, completely, into a pooled buffer (<see cref="BufferedApiContent"/>) before it leaves the attempt. It sits
/// just inside the resilience handler, so the read is part of the attempt: a body that stalls is cut off by the attempt timeout and a
/// connection dropped mid-body is a failed attempt the retry rules can judge, not a hang or a stray <see cref="IOException"/> after
/// the retries are over. The session handler and the envelope reader then look at those bytes. An API answer that is a redirect (or came
/// from where a caller's handler followed one) is refused here, unread: API calls never follow redirects (<see cref="Redirects"/>).
/// Downloads (non-API GETs) stream and pass untouched.
/// </summary>
internal sealed class AnswerBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? endpoint = Endpoints.Of(request);
        Uri? sentTo = request.RequestUri;
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return response;
        }

        try
        {
            if (Redirects.Refusal(endpoint, response, sentTo) is { } redirected)
            {
                throw redirected;
            }

            if (response.Content.Headers.ContentLength is not > ApiResponseReader.MaxBodyBytes)
            {
                response.Content = await BufferAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpContent> BufferAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // A pooled buffer, sized from Content-Length when there is one (plus a byte, so the read that sees the end needs no larger one).
        long? declared = content.Headers.ContentLength;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(declared is long known ? (int)known + 1 : 4096);
        int length = 0;
        try
        {
            Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > ApiResponseReader.MaxBodyBytes)
                    {
                        // Not an API answer: hand the reader what it needs to say so (it stops at MaxBodyBytes too).
                        break;
                    }

                    if (length == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var buffered = new BufferedApiContent(buffer, length);
        foreach (KeyValuePair<string, HeaderStringValues> header in content.Headers.NonValidated)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                _ = header.Value.Count == 1
                    ? buffered.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString())
                    : buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        content.Dispose();
        return buffered;
    }
}
