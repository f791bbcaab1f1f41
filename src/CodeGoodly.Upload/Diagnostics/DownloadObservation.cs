using System.Diagnostics;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>One download GET as telemetry: finished once, when its body has been read to the end or abandoned.</summary>
internal sealed class DownloadObservation(UploadDiagnostics diagnostics, Activity? activity, string redactedUrl, long startedTimestamp)
{
    private int finished;

    public void Finish(long bytes, bool completed, string? errorType = null)
    {
        if (Interlocked.Exchange(ref finished, 1) != 0)
        {
            return;
        }

        long elapsed = UploadDiagnostics.ElapsedMilliseconds(startedTimestamp);
        var tags = new TagList { { UploadInstruments.OperationTag, Endpoints.DownloadOperation } };
        if (completed)
        {
            double seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
            UploadLog.DownloadCompleted(diagnostics.Logger, bytes, elapsed, seconds <= 0 ? bytes : (long)(bytes / seconds), redactedUrl);
        }
        else
        {
            errorType ??= "interrupted";
            UploadLog.DownloadInterrupted(diagnostics.Logger, redactedUrl, bytes, elapsed);
            tags.Add(UploadInstruments.ErrorTypeTag, errorType);
            activity?.SetTag(UploadInstruments.ErrorTypeTag, errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
        }

        if (bytes > 0)
        {
            UploadInstruments.BytesTransferred.Add(bytes, new KeyValuePair<string, object?>(UploadInstruments.DirectionTag, "download"));
        }

        UploadInstruments.OperationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
        activity?.Dispose();
    }
}
