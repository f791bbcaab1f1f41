using System.Diagnostics;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>
/// The innermost SDK handler: sees every attempt that goes to the network. It logs each request (endpoint, status, duration),
/// notices a repeated attempt of the same request (a retry) with the reason and the wait, measures uploads and downloads
/// (bytes, duration, throughput), and tags the current operation's span with the server. It never reads or logs a body,
/// and a download URL only with its token masked.
/// </summary>
internal sealed class TelemetryHandler(UploadDiagnostics diagnostics) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<AttemptHistory> HistoryKey = new("CodeGoodly.Upload.AttemptHistory");

    /// <summary>One attempt: the request's history of attempts is kept in its options, so a repeat of the same body is seen as a retry.</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? endpoint = Endpoints.Of(request);
        bool isDownload = endpoint is null && request.Method == HttpMethod.Get;
        string label = endpoint ?? (isDownload ? "download" : request.Method.Method);
        string method = request.Method.Method;
        TagServer(Activity.Current, request.RequestUri);
        AttemptHistory history = HistoryOf(request);
        int attempt = NoteAttempt(history, request, method, label);
        UploadLog.RequestStarting(diagnostics.Logger, method, label, attempt);

        // No async frame of its own: hand back the inner task (one state machine per attempt, not two).
        return isDownload
            ? SendDownloadAsync(request, history, method, cancellationToken)
            : SendCallAsync(request, history, endpoint, method, label, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCallAsync(HttpRequestMessage request, AttemptHistory history, string? endpoint, string method, string label, CancellationToken cancellationToken)
    {
        HttpContent? original = request.Content;
        CountingContent? counted = null;
        if (endpoint == Endpoints.FileUpload && original is not null)
        {
            counted = new CountingContent(original);
            request.Content = counted;
            string length = original.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
            UploadLog.UploadStarting(diagnostics.Logger, length);
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            long elapsed = UploadDiagnostics.ElapsedMilliseconds(started);
            Remember(history, response, null);
            UploadLog.RequestCompleted(diagnostics.Logger, method, label, (int)response.StatusCode, elapsed);
            if (counted is not null)
            {
                long bytes = counted.BytesWritten;
                long throughput = Throughput(bytes, started);
                UploadLog.UploadCompleted(diagnostics.Logger, bytes, elapsed, throughput, (int)response.StatusCode);
            }

            return response;
        }
        catch (Exception failure)
        {
            Remember(history, null, failure);
            UploadLog.RequestFailed(diagnostics.Logger, method, label, UploadDiagnostics.ElapsedMilliseconds(started), Describe(failure));
            throw;
        }
        finally
        {
            if (counted is not null)
            {
                // The retry rules and the session handler look at the body they built: give it back.
                request.Content = original;
                UploadInstruments.BytesTransferred.Add(counted.BytesWritten, new KeyValuePair<string, object?>(UploadInstruments.DirectionTag, "upload"));
            }
        }
    }

    private async Task<HttpResponseMessage> SendDownloadAsync(HttpRequestMessage request, AttemptHistory history, string method, CancellationToken cancellationToken)
    {
        string url = Redaction.RedactUrl(request.RequestUri);
        UploadLog.DownloadStarting(diagnostics.Logger, url);
        Activity? activity = UploadInstruments.Source.StartActivity(Endpoints.DownloadOperation, ActivityKind.Internal);
        activity?.SetTag(UploadInstruments.OperationTag, Endpoints.DownloadOperation);
        TagServer(activity, request.RequestUri);
        long started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            Remember(history, null, failure);
            UploadLog.RequestFailed(diagnostics.Logger, method, "download", UploadDiagnostics.ElapsedMilliseconds(started), Describe(failure));
            var observed = new DownloadObservation(diagnostics, activity, url, started);
            observed.Finish(0, completed: false, ErrorTypeOf(failure));
            throw;
        }

        Remember(history, response, null);
        long headersElapsed = UploadDiagnostics.ElapsedMilliseconds(started);
        UploadLog.RequestCompleted(diagnostics.Logger, method, "download", (int)response.StatusCode, headersElapsed);
        activity?.SetTag(UploadInstruments.HttpStatusTag, (int)response.StatusCode);
        var observation = new DownloadObservation(diagnostics, activity, url, started);
        if (!response.IsSuccessStatusCode)
        {
            observation.Finish(0, completed: false, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }

        response.Content = new ObservedDownloadContent(response.Content, observation);
        return response;
    }

    private static string ErrorTypeOf(Exception failure) => failure is OperationCanceledException ? "canceled" : UploadDiagnostics.ErrorType(failure);

    /// <summary>Counts this attempt of the request; a second attempt with the same body is a retry (a re-authorized repeat carries a new body).</summary>
    private static AttemptHistory HistoryOf(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(HistoryKey, out AttemptHistory? history))
        {
            history = new AttemptHistory();
            request.Options.Set(HistoryKey, history);
        }

        return history;
    }

    private int NoteAttempt(AttemptHistory history, HttpRequestMessage request, string method, string label)
    {
        if (history.Attempts == 0)
        {
            history.Attempts = 1;
            history.Content = request.Content;
            return 1;
        }

        history.Attempts++;
        if (ReferenceEquals(history.Content, request.Content) && history.LastOutcome is { } lastOutcome)
        {
            history.Retries++;
            long waited = history.LastEnded is long ended ? UploadDiagnostics.ElapsedMilliseconds(ended) : 0;
            UploadLog.Retrying(diagnostics.Logger, method, label, history.Retries, lastOutcome, waited);
            UploadInstruments.Retries.Add(1,
                new KeyValuePair<string, object?>(UploadInstruments.EndpointTag, label),
                new KeyValuePair<string, object?>(UploadInstruments.ReasonTag, lastOutcome));
        }

        history.Content = request.Content;
        return history.Attempts;
    }

    private static void Remember(AttemptHistory history, HttpResponseMessage? response, Exception? failure)
    {
        // Only a retry reads the outcome: keep the status and make its text then.
        history.LastStatus = response is not null ? (int)response.StatusCode : null;
        history.LastFailure = response is not null ? null : ErrorTypeOf(failure!) is "canceled" ? "timeout" : failure!.GetType().Name;
        history.LastEnded = Stopwatch.GetTimestamp();
    }

    private static string Describe(Exception failure) => $"{failure.GetType().Name}: {Redaction.RedactText(failure.Message)}";

    private static long Throughput(long bytes, long started)
    {
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return seconds <= 0 ? bytes : (long)(bytes / seconds);
    }

    private static void TagServer(Activity? activity, Uri? url)
    {
        if (activity is null || url is null || activity.Source != UploadInstruments.Source || activity.GetTagItem(UploadInstruments.ServerAddressTag) is not null)
        {
            return;
        }

        activity.SetTag(UploadInstruments.ServerAddressTag, url.Host);
        activity.SetTag(UploadInstruments.ServerPortTag, url.Port);
    }

    /// <summary>What the previous attempts of one request did.</summary>
    private sealed class AttemptHistory
    {
        public HttpContent? Content { get; set; }

        public int Attempts { get; set; }

        public int Retries { get; set; }

        public int? LastStatus { get; set; }

        public string? LastFailure { get; set; }

        public string? LastOutcome => LastStatus is int status ? $"HTTP {status}" : LastFailure;

        public long? LastEnded { get; set; }
    }
}
