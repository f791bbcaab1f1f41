namespace CodeGoodly.Upload.Tests.Diagnostics;

/// <summary>Tests that read the process-wide <c>CodeGoodly.Upload</c> meter run alone, so no other test's measurements mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry (not parallel)";
}
