using System.Net.Http.Headers;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Builds the HTTP pipeline every client uses, standalone or from DI: <see cref="SessionHandler"/> (tokens) outside, the
/// resilience handler (retries, timeouts) inside, then the network. Retries sit inside the session so that
/// <c>/authorize</c> is retried like any read, and a repeated request keeps the token it was sent with.
/// </summary>
internal static class UploadPipeline
{
    /// <summary>Creates the handler chain over <paramref name="primary"/>.</summary>
    public static SessionHandler CreateHandlers(UploadClientOptions options, UploadSession session, HttpMessageHandler primary, Diagnostics.UploadDiagnostics? diagnostics = null) =>
        new(session, options, diagnostics) { InnerHandler = CreateResilienceHandler(options, new Diagnostics.UploadTelemetryHandler(diagnostics ?? Diagnostics.UploadDiagnostics.Silent) { InnerHandler = primary }) };

    /// <summary>The resilience handler: small calls get attempt and total timeouts; transfers get retries only, with their own idle timeouts.</summary>
    public static DelegatingHandler CreateResilienceHandler(UploadClientOptions options, HttpMessageHandler? inner = null)
    {
        ResiliencePipeline<HttpResponseMessage> calls = BuildCallPipeline(options);
        ResiliencePipeline<HttpResponseMessage> transfers = BuildTransferPipeline(options);
        var handler = new ResilienceHandler(request => IsTransfer(request) ? transfers : calls);
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }

    /// <summary>The primary handler for a client that owns its pipeline.</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    private static bool IsTransfer(HttpRequestMessage request) =>
        ApiEndpoint.Of(request) is null or ApiEndpoint.FileUpload;

    private static ResiliencePipeline<HttpResponseMessage> BuildCallPipeline(UploadClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout })
            .AddRetry(RetryOptions(options))
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();

    private static ResiliencePipeline<HttpResponseMessage> BuildTransferPipeline(UploadClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(RetryOptions(options))
            .Build();

    private static RetryStrategyOptions<HttpResponseMessage> RetryOptions(UploadClientOptions options) => new()
    {
        MaxRetryAttempts = Math.Max(options.MaxRetries, 0) is 0 ? 1 : options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = TimeSpan.FromSeconds(30),
        ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && RetryRules.ShouldRetry(
            args.Context.GetRequestMessage(), args.Outcome.Result, args.Outcome.Exception)),
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryAfter)),
    };

    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date), capped; <see langword="null"/> lets the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is DateTimeOffset date ? date - DateTimeOffset.UtcNow : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }
}
