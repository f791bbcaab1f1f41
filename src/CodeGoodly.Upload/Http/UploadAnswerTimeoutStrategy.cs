using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Bounds the wait for the answer to an upload. An upload may take as long as the file needs (its sending is bounded by the
/// idle timeout of <see cref="UploadFileContent"/>), but once the last byte has been written the server has
/// <see cref="UploadClientOptions.AttemptTimeout"/> to answer; a server that swallows the file and never answers fails the
/// attempt with <see cref="TimeoutRejectedException"/> instead of hanging.
/// </summary>
internal sealed class UploadAnswerTimeoutStrategy(TimeSpan answerTimeout) : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        if (context.GetRequestMessage() is not { Content: MultipartFormBody body } request)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        Task bodyWritten = body.WatchNextWrite();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);

        // The handler's callback sends the request it finds in the context, with the context's token: run it on a context
        // whose token this strategy can cancel.
        ResilienceContext inner = ResilienceContextPool.Shared.Get(context.ContinueOnCapturedContext, attempt.Token);
        inner.SetRequestMessage(request);
        try
        {
            _ = bodyWritten.ContinueWith(_ => StartAnswerClock(attempt), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            Outcome<HttpResponseMessage> outcome = await callback(inner, state).ConfigureAwait(context.ContinueOnCapturedContext);
            bool answerTimedOut = attempt.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested;
            if (answerTimedOut && outcome.Exception is OperationCanceledException canceled)
            {
                return Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException(
                    $"The server did not answer within {answerTimeout.TotalSeconds:0.###} s after the upload was sent.", answerTimeout, canceled));
            }

            return outcome;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(inner);
        }
    }

    private void StartAnswerClock(CancellationTokenSource attempt)
    {
        try
        {
            attempt.CancelAfter(answerTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The answer came before the clock started: nothing to bound.
        }
    }
}
