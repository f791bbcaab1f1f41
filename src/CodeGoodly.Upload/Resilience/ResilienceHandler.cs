using CodeGoodly.Upload.Api;
using Polly;

namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// Runs each request through its resilience pipeline (<see cref="ResiliencePipelines"/>: small calls or transfers) with a pooled
/// <see cref="ResilienceContext"/> that carries the request, as Microsoft's <c>ResilienceHandler</c> does. One attempt is one pass through
/// the inner chain, whose first handler reads the API answer (<see cref="Http.AnswerBufferingHandler"/>): the attempt timeout covers that
/// read too. Every failure of an attempt becomes its outcome, for the retry and timeout strategies to judge (<see cref="RetryRules"/>).
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
        try
        {
            Outcome<HttpResponseMessage> outcome = await pipeline.ExecuteOutcomeAsync(
                static (context, handler) => handler.SendAttemptAsync(context.GetRequestMessage()!, context.CancellationToken),
                context, this).ConfigureAwait(false);
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

    /// <summary>One attempt through the inner chain; its failure is the attempt's outcome.</summary>
    private async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
#pragma warning disable CA1031 // every failure becomes the attempt's outcome
        try
        {
            return Outcome.FromResult(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception failure)
        {
            return Outcome.FromException<HttpResponseMessage>(failure);
        }
#pragma warning restore CA1031
    }
}
