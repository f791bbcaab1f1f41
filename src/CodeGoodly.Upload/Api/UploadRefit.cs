using Refit;

namespace CodeGoodly.Upload.Api;

/// <summary>The Refit settings every client uses: System.Text.Json over the source-generated context, no reflection.</summary>
internal static class UploadRefit
{
    public static RefitSettings Settings { get; } = RefitSettings.ForJsonContext(WireJsonContext.Default);
}
