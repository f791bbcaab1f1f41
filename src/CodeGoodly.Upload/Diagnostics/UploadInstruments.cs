using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>
/// The SDK's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="UploadTelemetry.Name"/>, and the
/// instruments on it. They cost nothing until a listener (OpenTelemetry, <c>dotnet-counters</c>, a test) subscribes.
/// </summary>
internal static class UploadInstruments
{
    public const string OperationTag = "codegoodly.upload.operation";
    public const string EndpointTag = "codegoodly.upload.endpoint";
    public const string DirectionTag = "codegoodly.upload.direction";
    public const string ReasonTag = "codegoodly.upload.reason";
    public const string ErrorTypeTag = "error.type";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";
    public const string HttpStatusTag = "http.response.status_code";

    private static readonly string? Version = typeof(UploadInstruments).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(UploadTelemetry.Name, Version);

    public static readonly Meter Meter = new(UploadTelemetry.Name, Version);

    /// <summary>How long an SDK operation took, from the façade call to its result or error (retries and re-authorizations included).</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "codegoodly.upload.operation.duration", "s", "Duration of SDK operations such as files.upload or folders.list.");

    /// <summary>File bytes moved by uploads and downloads.</summary>
    public static readonly Counter<long> BytesTransferred = Meter.CreateCounter<long>(
        "codegoodly.upload.transfer.bytes", "By", "File bytes sent by uploads and received by downloads.");

    /// <summary><c>/authorize</c> calls made.</summary>
    public static readonly Counter<long> Authorizations = Meter.CreateCounter<long>(
        "codegoodly.upload.authorizations", "{authorization}", "Calls to /authorize (sign-ins), including re-authorizations after a refused token.");

    /// <summary>Requests sent again after a transient failure.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "codegoodly.upload.retries", "{retry}", "Requests retried after a transient failure (network error, 408, 429, 5xx).");
}
