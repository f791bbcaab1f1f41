using System.Diagnostics;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>
/// One SDK operation (a façade call such as <c>files.upload</c>) as telemetry: a span from <see cref="UploadInstruments.Source"/>
/// and a <c>codegoodly.upload.operation.duration</c> measurement, tagged with the operation and, on failure, the error kind.
/// </summary>
internal sealed class OperationScope : IDisposable
{
    private readonly string operation;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Activity? activity;
    private string? errorType;

    private OperationScope(string endpoint)
    {
        operation = Endpoints.OperationName(endpoint);
        activity = UploadInstruments.Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag(UploadInstruments.OperationTag, operation);
        activity?.SetTag(UploadInstruments.EndpointTag, endpoint);
    }

    public static OperationScope Start(string endpoint) => new(endpoint);

    /// <summary>Records the failure as <paramref name="type"/> (the error kind the caller will see) and returns <see langword="false"/>, so it can sit in an exception filter without catching.</summary>
    public bool Failed(string type)
    {
        errorType = type;
        return false;
    }

    public void Dispose()
    {
        var tags = new TagList { { UploadInstruments.OperationTag, operation } };
        if (errorType is not null)
        {
            tags.Add(UploadInstruments.ErrorTypeTag, errorType);
            activity?.SetTag(UploadInstruments.ErrorTypeTag, errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
        }

        UploadInstruments.OperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        activity?.Dispose();
    }
}
