using System.Diagnostics;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>The logger one client (or one DI registration) writes its events to, with the sign-in events that need it.</summary>
internal sealed class UploadDiagnostics(ILogger logger)
{
    /// <summary>No logging (traces and metrics still flow to whoever listens).</summary>
    public static UploadDiagnostics Silent { get; } = new(NullLogger.Instance);

    public ILogger Logger { get; } = logger;

    public static UploadDiagnostics From(ILoggerFactory? loggerFactory) =>
        loggerFactory is null ? Silent : new UploadDiagnostics(loggerFactory.CreateLogger(UploadTelemetry.Name));

    /// <summary>Runs one <c>/authorize</c> inside a <c>session.authorize</c> span, logging and counting it.</summary>
    public async Task<SessionToken> TraceAuthorizationAsync(UploadClientOptions options, Func<CancellationToken, Task<SessionToken>> authorize, CancellationToken cancellationToken)
    {
        UploadLog.Authorizing(Logger, string.IsNullOrEmpty(options.Key1) ? "username and password" : "API keys");
        using Activity? activity = UploadInstruments.Source.StartActivity(Endpoints.OperationName(Endpoints.Authorize));
        activity?.SetTag(UploadInstruments.OperationTag, Endpoints.OperationName(Endpoints.Authorize));
        long started = Stopwatch.GetTimestamp();
        try
        {
            SessionToken token = await authorize(cancellationToken).ConfigureAwait(false);
            long elapsed = ElapsedMilliseconds(started);
            UploadLog.Authorized(Logger, token.AccountId, elapsed);
            UploadInstruments.Authorizations.Add(1);
            return token;
        }
        catch (Exception failure)
        {
            string errorType = ErrorType(failure);
            UploadLog.AuthorizationFailed(Logger, ElapsedMilliseconds(started), errorType, Redaction.RedactText(failure.Message));
            UploadInstruments.Authorizations.Add(1, new KeyValuePair<string, object?>(UploadInstruments.ErrorTypeTag, errorType));
            activity?.SetStatus(ActivityStatusCode.Error, errorType).SetTag(UploadInstruments.ErrorTypeTag, errorType);
            throw;
        }
    }

    /// <summary>Logs that a call's token was refused and the session signs in again.</summary>
    public void Reauthorizing(string endpoint, bool wasHttp401, int refusal) =>
        UploadLog.Reauthorizing(Logger, endpoint, wasHttp401 ? "HTTP 401" : "Could not validate access_token", refusal);

    /// <summary>Logs a best-effort sign-out that failed (from <c>Dispose</c>, where nobody else can be told), naming the cause rather than Refit's wrapper.</summary>
    public void SignOutFailed(Exception failure)
    {
        Exception cause = failure;
        while (cause is Refit.ApiRequestException { InnerException: { } inner })
        {
            cause = inner;
        }

        UploadLog.SignOutFailed(Logger, ErrorType(cause), Redaction.RedactText(cause.Message));
    }

    /// <summary>Logs that the shared session store failed, so the client signs in by itself for now (no secret is in the store's messages).</summary>
    public void SessionStoreUnavailable(Exception failure) =>
        UploadLog.SessionStoreUnavailable(Logger, ErrorType(failure), Redaction.RedactText(failure.Message));

    /// <summary>A low-cardinality name for what went wrong: the SDK's error kind, "canceled", or the exception type.</summary>
    public static string ErrorType(Exception failure) => failure switch
    {
        UploadApiException api => api.Kind.ToString(),
        OperationCanceledException => "canceled",
        _ => failure.GetType().FullName ?? failure.GetType().Name,
    };

    public static long ElapsedMilliseconds(long startedTimestamp) => (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
}
