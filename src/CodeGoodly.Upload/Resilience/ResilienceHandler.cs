using System.Buffers;
using System.Net.Http.Headers;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using Polly;

namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// Runs each request through its resilience pipeline (<see cref="ResiliencePipelines"/>: small calls or transfers) with a pooled
/// <see cref="ResilienceContext"/> that carries the request, as Microsoft's <c>ResilienceHandler</c> does. Each attempt also reads
/// an API answer's body, inside the attempt (so inside its timeout): a body that stalls is cut off by the attempt timeout and a
/// connection dropped mid-body is a failed attempt the retry rules can judge, not a hang or a stray <see cref="IOException"/> after
/// the pipeline has returned. The body is kept as <see cref="BufferedApiContent"/>, read once for everyone after. Downloads
/// (non-API GETs) stream and are left alone.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> calls, ResiliencePipeline<HttpResponseMessage> transfers)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? endpoint = Endpoints.Of(request);
        ResiliencePipeline<HttpResponseMessage> pipeline = endpoint is null or Endpoints.FileUpload ? transfers : calls;
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        // One small object per request is the pipeline's state (every strategy's frame holds a copy of the state: one reference, not four);
        // it is also the attempt history of the telemetry handler just inside, instead of an entry in the request's options.
        var state = new RequestState(this, request, endpoint, keepsHistory: InnerHandler is TelemetryHandler);
        try
        {
            Outcome<HttpResponseMessage> outcome = await pipeline.ExecuteOutcomeAsync(
                static (context, state) => state.Handler.SendAttemptAsync(context.GetRequestMessage() ?? state.Request, state.KeepsHistory ? state : null, state.Endpoint, context.CancellationToken),
                context, state).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult(); // the SDK never sends synchronously; kept correct for a caller's HttpClient

    /// <summary>
    /// One attempt: the request, then (for an API answer) its body; every failure becomes the attempt's outcome, for the retry and
    /// timeout strategies to judge. An API answer that is a redirect (or came from where a caller's handler followed one) is refused
    /// here, unread: API calls never follow redirects (<see cref="Redirects"/>).
    /// </summary>
    private async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(HttpRequestMessage request, TelemetryHandler.AttemptHistory? history, string? endpoint,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        Uri? sentTo = request.RequestUri;
#pragma warning disable CA1031 // every failure becomes the attempt's outcome
        try
        {
            response = await (history is not null && InnerHandler is TelemetryHandler telemetry
                ? telemetry.SendAttemptAsync(request, history, cancellationToken)
                : base.SendAsync(request, cancellationToken)).ConfigureAwait(false);
            if (endpoint is not null && Redirects.Refusal(endpoint, response, sentTo) is { } redirected)
            {
                response.Dispose();
                return Outcome.FromException<HttpResponseMessage>(redirected);
            }

            if (endpoint is not null && response.Content.Headers.ContentLength is not > ApiResponseReader.MaxBodyBytes)
            {
                response.Content = await BufferAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }

            return Outcome.FromResult(response);
        }
        catch (Exception failure)
        {
            response?.Dispose();
            return Outcome.FromException<HttpResponseMessage>(failure);
        }
#pragma warning restore CA1031
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

    /// <summary>What every attempt of one request needs; doubles as the telemetry handler's history of those attempts.</summary>
    private sealed class RequestState(ResilienceHandler handler, HttpRequestMessage request, string? endpoint, bool keepsHistory)
        : TelemetryHandler.AttemptHistory
    {
        public ResilienceHandler Handler { get; } = handler;

        public HttpRequestMessage Request { get; } = request;

        /// <summary>The API endpoint, or <see langword="null"/> for a download GET (whose answer streams, unread here).</summary>
        public string? Endpoint { get; } = endpoint;

        public bool KeepsHistory { get; } = keepsHistory;
    }
}
