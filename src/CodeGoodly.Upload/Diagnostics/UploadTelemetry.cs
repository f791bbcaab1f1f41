namespace CodeGoodly.Upload;

/// <summary>
/// The names under which the SDK publishes traces and metrics. Subscribe with OpenTelemetry's
/// <c>AddSource(UploadTelemetry.Name)</c> and <c>AddMeter(UploadTelemetry.Name)</c>; logs go to the <c>CodeGoodly.Upload</c> category.
/// </summary>
public static class UploadTelemetry
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>, <see cref="System.Diagnostics.Metrics.Meter"/> and log category: <c>CodeGoodly.Upload</c>.</summary>
    public const string Name = "CodeGoodly.Upload";
}
