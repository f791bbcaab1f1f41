using System.Text.Json.Serialization.Metadata;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Resilience;
using Polly.Timeout;
using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Runs one API call for the façade: sends it, reads the answer with <see cref="ApiResponseReader"/>, and turns transport
/// failures (no answer at all) into <see cref="UploadErrorKind.Network"/> errors. The caller's cancellation always wins.
/// </summary>
internal static class ApiCaller
{
    private const string OutcomeUnknownNote = " The request may have reached the server: check before repeating it.";

    public static async Task<TResult> CallAsync<TEnvelope, TResult>(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<TEnvelope> envelopeType, Func<TEnvelope, TResult> map, CancellationToken cancellationToken)
        where TEnvelope : WireEnvelope
    {
        using var operation = Diagnostics.OperationScope.Start(endpoint);
        try
        {
            using HttpResponseMessage response = await send(cancellationToken).ConfigureAwait(false);
            return await ApiResponseReader.ReadAsync(response, endpoint, envelopeType, map, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (operation.Failed(ErrorType(endpoint, failure, cancellationToken)))
        {
            throw; // never reached: Failed only records the error for the span and the duration metric
        }
        catch (Exception failure) when (failure is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Cancellation wins: whatever broke while the caller was giving up, the caller sees the cancellation it asked for.
            throw new OperationCanceledException($"{endpoint} was canceled.", failure, cancellationToken);
        }
        catch (UploadApiException answer) when (IsAmbiguousWriteAnswer(endpoint, answer))
        {
            throw new UploadApiException(answer.Kind, answer.Endpoint, answer.Message + OutcomeUnknownNote, answer.HttpStatus, answer.ServerMessage, answer)
            {
                IsOutcomeUnknown = true,
            };
        }
        catch (Exception failure) when (TransportFailure(endpoint, failure, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The error kind the caller will see for <paramref name="failure"/>, for the operation's span and duration metric.</summary>
    private static string ErrorType(string endpoint, Exception failure, CancellationToken cancellationToken) =>
        failure is UploadApiException
            ? Diagnostics.UploadDiagnostics.ErrorType(failure)
            : TransportFailure(endpoint, failure, cancellationToken)?.Kind.ToString() ?? Diagnostics.UploadDiagnostics.ErrorType(failure);

    /// <summary>
    /// A write answered with a 5xx other than 503 (<see cref="RetryRules.MayHaveActed"/>): the API may have acted before the error
    /// (a script that stored the file and then crashed, a gateway that gave up waiting), so the effect is unknown. 503 and 429
    /// say the request was turned away and are not ambiguous.
    /// </summary>
    private static bool IsAmbiguousWriteAnswer(string endpoint, UploadApiException answer) =>
        !answer.IsOutcomeUnknown && answer.HttpStatus is int status && RetryRules.MayHaveActed(status) && Endpoints.IsWrite(endpoint);

    /// <summary>Turns an exception from the HTTP stack into the SDK's error, or <see langword="null"/> to let it through (the SDK's own errors, the caller's cancellation, programming errors).</summary>
    internal static UploadApiException? TransportFailure(string endpoint, Exception failure, CancellationToken cancellationToken)
    {
        // Refit wraps what the pipeline throws, once per Refit call it passed through (the session's /authorize is one).
        Exception cause = failure;
        while (cause is ApiRequestException { InnerException: { } inner })
        {
            cause = inner;
        }

        if (cause is UploadApiException wrapped)
        {
            return ReferenceEquals(wrapped, failure) ? null : wrapped;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        string? why = cause switch
        {
            TimeoutRejectedException or TimeoutException => "timed out",
            OperationCanceledException => "timed out",
            HttpRequestException http => "the connection failed" + (http.HttpRequestError is HttpRequestError.Unknown ? string.Empty : $" ({http.HttpRequestError})"),
            IOException => "the connection was lost",
            _ => null,
        };
        if (why is null)
        {
            return null;
        }

        bool outcomeUnknown = Endpoints.IsWrite(endpoint) && !RetryRules.CertainlyNotSent(cause);
        string message = $"{endpoint} failed (Network): {why}: {Redaction.RedactText(cause.Message)}"
            + (outcomeUnknown ? OutcomeUnknownNote : string.Empty);
        return new UploadApiException(UploadErrorKind.Network, endpoint, message, innerException: cause) { IsOutcomeUnknown = outcomeUnknown };
    }
}
