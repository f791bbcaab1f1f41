using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>The Refit <see cref="StreamPart"/> for <c>upload_file</c>, carrying the SDK's streaming, non-disposing file content.</summary>
/// <remarks>
/// Refit hands the part's file name to .NET's <c>ContentDispositionHeaderValue</c>, which rejects some legal names (one starting
/// with a quote) and would encode the rest in ways PHP ignores. The body Refit builds is replaced by <see cref="MultipartFormBody"/>,
/// which writes <see cref="UploadFileContent.FileName"/> raw, so Refit only ever sees a placeholder.
/// </remarks>
internal sealed class UploadStreamPart(UploadFileContent content)
    : StreamPart(Stream.Null, "upload", content.Headers.ContentType?.MediaType ?? "application/octet-stream", "upload_file")
{
    public UploadFileContent Content { get; } = content;

    protected override HttpContent CreateContent() => Content;
}
