using System.Buffers;
using System.Net.Http.Headers;
using Polly;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Reads an API answer's body inside the attempt that fetched it, so that a body that stalls is cut off by the attempt
/// timeout and a connection dropped mid-body is a failed attempt the retry rules can judge, not a hang or a stray
/// <see cref="IOException"/> after the pipeline has returned. Downloads (non-API GETs) stream and are left alone.
/// </summary>
internal sealed class ResponseBufferingStrategy : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is not { } response || context.GetRequestMessage() is not { } request || ApiEndpoint.Of(request) is null
            || response.Content.Headers.ContentLength is > ApiResponseReader.MaxBodyBytes)
        {
            return outcome;
        }

        try
        {
            response.Content = await BufferAsync(response.Content, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            return outcome;
        }
#pragma warning disable CA1031 // every failure becomes the attempt's outcome, for the retry and timeout strategies to judge
        catch (Exception failure)
#pragma warning restore CA1031
        {
            response.Dispose();
            return Outcome.FromException<HttpResponseMessage>(failure);
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
