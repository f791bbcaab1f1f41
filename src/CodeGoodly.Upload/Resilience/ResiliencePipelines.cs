using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CodeGoodly.Upload.Resilience;

/// <summary>
/// The resilience policies, built once per client (or DI registration): small calls get total timeout → retry → attempt timeout,
/// transfers retry only (a transfer is bounded by its idle watchdog instead). Which failure may be retried is
/// <see cref="RetryRules"/>'s decision; how long to wait is <see cref="RetryAfter"/> and the exponential back-off.
/// </summary>
internal static class ResiliencePipelines
{
    /// <summary>
    /// The resilience handler (<see cref="ResilienceHandler"/>). Small calls: total timeout → retry → attempt timeout → the inner chain (the answer read included). Transfers (the upload, and
    /// non-API GETs such as downloads): retry → the inner chain, with no time limit here: a large file may take long, so a transfer
    /// is bounded instead by <c>TransferWatchdog</c> (no progress for the attempt timeout, the answer wait included; a retry's
    /// wait is not counted). <see cref="RetryRules"/> never retries a download GET here: <c>FileDownloader</c> owns its retries.
    /// </summary>
    /// <param name="options">The retry and timeout settings.</param>
    /// <param name="budget">The retry budget shared by every call of one client or DI registration.</param>
    /// <param name="inner">The next handler, or <see langword="null"/> when a handler factory links it.</param>
    public static DelegatingHandler CreateResilienceHandler(UploadClientOptions options, RetryBudget budget, HttpMessageHandler? inner = null)
    {
        ResiliencePipeline<HttpResponseMessage> calls = BuildCallPipeline(options, budget);
        ResiliencePipeline<HttpResponseMessage> transfers = BuildTransferPipeline(options, budget);
        var handler = new ResilienceHandler(calls, transfers);
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildCallPipeline(UploadClientOptions options, RetryBudget budget)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout, Name = "total" });
        AddRetry(builder, options, budget);
        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout, Name = "attempt" })
            .Build(); // an attempt is the inner chain, whose first handler reads the answer: inside this timeout
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildTransferPipeline(UploadClientOptions options, RetryBudget budget)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        AddRetry(builder, options, budget);
        return builder.Build();
    }

    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, UploadClientOptions options, RetryBudget budget)
    {
        if (options.MaxRetries <= 0)
        {
            return;
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = MaxBackoff,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args, options.MaxRetries, budget)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryAfter)),
            OnRetry = static args =>
            {
                // Called before the wait: a back-off or a Retry-After is not "no progress" for the upload's idle watchdog.
                if (args.Context.GetRequestMessage()?.Content is IUploadBodyFacts upload)
                {
                    upload.AllowRetryWait(args.RetryDelay);
                }

                return default;
            },
        });
    }

    /// <summary>The longest back-off between two attempts when the server gives no <c>Retry-After</c>.</summary>
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private static bool ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args, int maxRetries, RetryBudget budget)
    {
        if (args.AttemptNumber == 0)
        {
            budget.RecordCall();
        }

        if (args.AttemptNumber >= maxRetries || !RetryRules.ShouldRetry(args.Context.GetRequestMessage(), args.Outcome.Result, args.Outcome.Exception))
        {
            return false;
        }

        // Cancelled while this failure was judged: "retry", so that the wait ends at once with the caller's plain cancellation,
        // as it would a moment later, instead of the failure being handed back inside it. No budget is spent on it.
        // Polly asks about the last attempt too; only a retry that will really happen may spend the budget.
        return args.Context.CancellationToken.IsCancellationRequested || budget.TryTakeRetry();
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date), capped at <paramref name="cap"/>; <see langword="null"/> lets the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is DateTimeOffset date ? date - DateTimeOffset.UtcNow : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }
}
