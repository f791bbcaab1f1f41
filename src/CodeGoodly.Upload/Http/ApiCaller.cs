using System.Text.Json.Serialization.Metadata;
using CodeGoodly.Upload.Api;
using Polly.Timeout;
using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Runs one API call for the façade: sends it, reads the answer with <see cref="ApiResponseReader"/>, and turns transport
/// failures (no answer at all) into <see cref="UploadErrorKind.Network"/> errors. The caller's cancellation always wins.
/// </summary>
internal static class ApiCaller
{
    public static async Task<TResult> CallAsync<TEnvelope, TResult>(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<TEnvelope> envelopeType, Func<TEnvelope, TResult> map, CancellationToken cancellationToken)
        where TEnvelope : WireEnvelope
    {
        try
        {
            using HttpResponseMessage response = await send(cancellationToken).ConfigureAwait(false);
            return await ApiResponseReader.ReadAsync(response, endpoint, envelopeType, map, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Cancellation wins: whatever broke while the caller was giving up, the caller sees the cancellation it asked for.
            throw new OperationCanceledException($"{endpoint} was canceled.", failure, cancellationToken);
        }
        catch (Exception failure) when (TransportFailure(endpoint, failure, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Turns an exception from the HTTP stack into the SDK's error, or <see langword="null"/> to let it through (the SDK's own errors, the caller's cancellation, programming errors).</summary>
    internal static UploadApiException? TransportFailure(string endpoint, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is ApiRequestException { InnerException: UploadApiException wrapped })
        {
            return wrapped;
        }

        if (failure is UploadApiException || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        Exception cause = failure is ApiRequestException { InnerException: { } inner } ? inner : failure;
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

        bool outcomeUnknown = ApiEndpoint.IsWrite(endpoint) && !RetryRules.CertainlyNotSent(cause);
        string message = $"{endpoint} failed (Network): {why}: {Redaction.RedactText(cause.Message)}"
            + (outcomeUnknown ? " The request may have reached the server: check before repeating it." : string.Empty);
        return new UploadApiException(UploadErrorKind.Network, endpoint, message, innerException: cause) { IsOutcomeUnknown = outcomeUnknown };
    }
}
