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
        using var buffer = new MemoryStream();
        Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > ApiResponseReader.MaxBodyBytes)
                {
                    // Not an API answer: hand the reader what it needs to say so (it stops at MaxBodyBytes too).
                    break;
                }
            }
        }

        var buffered = new ByteArrayContent(buffer.ToArray());
        foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        content.Dispose();
        return buffered;
    }
}
