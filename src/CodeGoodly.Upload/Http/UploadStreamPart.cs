using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// The Refit <see cref="StreamPart"/> for <c>upload_file</c>, carrying the SDK's streaming, non-disposing file content.
/// Refit only sees a placeholder file name: it would hand the real one to <c>ContentDispositionHeaderValue</c>, which rejects
/// names with a <c>"</c> and encodes non-ASCII ones. <see cref="MultipartFormBody"/> writes the real name from <see cref="UploadFileContent.FileName"/>.
/// </summary>
internal sealed class UploadStreamPart(UploadFileContent content)
    : StreamPart(Stream.Null, PlaceholderFileName, content.Headers.ContentType?.MediaType ?? "application/octet-stream", "upload_file")
{
    private const string PlaceholderFileName = "upload";

    public UploadFileContent Content { get; } = content;

    protected override HttpContent CreateContent() => Content;
}
