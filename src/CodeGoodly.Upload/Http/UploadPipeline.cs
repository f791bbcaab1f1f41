using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// The one place the HTTP pipeline is configured, for the standalone client and for DI alike: <see cref="SessionHandler"/>
/// (tokens) outside, the resilience handler (retries, timeouts, retry budget) inside, then the network. Retries sit inside
/// the session so that <c>/authorize</c> is retried like any read, and a repeated request keeps the token it was sent with.
/// </summary>
/// <remarks>
/// DI builds the same chain from the same parts: one <see cref="UploadSession"/> per registration, a
/// <see cref="SessionHandler"/> over it, then <see cref="CreateResilienceHandler"/> with that session's
/// <see cref="UploadSession.RetryBudget"/>, so the budget is shared however often the factory rebuilds its handlers.
/// </remarks>
internal static class UploadPipeline
{
    /// <summary>Creates the handler chain over <paramref name="primary"/>.</summary>
    public static SessionHandler CreateHandlers(UploadClientOptions options, UploadSession session, HttpMessageHandler primary, Diagnostics.UploadDiagnostics? diagnostics = null) =>
        new(session, options, diagnostics)
        {
            InnerHandler = CreateResilienceHandler(options, session.RetryBudget,
                new Diagnostics.UploadTelemetryHandler(diagnostics ?? Diagnostics.UploadDiagnostics.Silent) { InnerHandler = primary }),
        };

    /// <summary>
    /// The resilience handler (<see cref="UploadResilienceHandler"/>). Small calls: total timeout → retry → attempt timeout → body read. Transfers (the upload, and
    /// non-API GETs such as downloads): retry → body read, with no time limit here: a large file may take long, so a transfer
    /// is bounded instead by <see cref="TransferWatchdog"/> (no progress for the attempt timeout, the answer wait included; a retry's
    /// wait is not counted). <see cref="RetryRules"/> never retries a download GET here: <see cref="FileDownloader"/> owns its retries.
    /// </summary>
    /// <param name="options">The retry and timeout settings.</param>
    /// <param name="budget">The retry budget shared by every call of one client or DI registration.</param>
    /// <param name="inner">The next handler, or <see langword="null"/> when a handler factory links it.</param>
    public static DelegatingHandler CreateResilienceHandler(UploadClientOptions options, RetryBudget budget, HttpMessageHandler? inner = null)
    {
        ResiliencePipeline<HttpResponseMessage> calls = BuildCallPipeline(options, budget);
        ResiliencePipeline<HttpResponseMessage> transfers = BuildTransferPipeline(options, budget);
        var handler = new UploadResilienceHandler(calls, transfers);
        if (inner is not null)
        {
            handler.InnerHandler = inner;
        }

        return handler;
    }

    /// <summary>
    /// The primary handler for a client that owns its pipeline (and the DI default). TLS is left to the platform: no certificate
    /// callback. Redirects are never followed by the handler: an API call refuses them, a download follows them itself (<see cref="Redirects"/>).
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        // The API is stateless (the token travels in the body): the PHP session cookie every answer sets is never sent back.
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // No Accept-Encoding: a compressed download would make Range offsets (encoded bytes) disagree with the bytes
        // written (decoded), breaking resume; API answers are a few hundred bytes and gain nothing from compression.
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Turns off automatic redirects on a primary handler the app configured (DI: <c>ConfigurePrimaryHttpMessageHandler</c>), so that
    /// an API call's body never follows a 307/308 elsewhere. A handler already in use cannot be changed and is left as it is.
    /// </summary>
    public static void RefuseAutoRedirect(HttpMessageHandler primary)
    {
        try
        {
            switch (primary)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } handler:
                    handler.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            // Already sending (a handler the app shares): a 3xx it follows is still refused after the fact.
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildCallPipeline(UploadClientOptions options, RetryBudget budget)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout, Name = "total" });
        AddRetry(builder, options, budget);
        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout, Name = "attempt" })
            .Build(); // each attempt reads the answer's body inside this timeout: UploadResilienceHandler
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
                if (args.Context.GetRequestMessage()?.Content is MultipartFormBody { Watchdog: { } watchdog })
                {
                    watchdog.AllowWait(args.RetryDelay);
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
