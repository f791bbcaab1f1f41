using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>The Refit <see cref="StreamPart"/> for <c>upload_file</c>, carrying the SDK's streaming, non-disposing file content.</summary>
/// <remarks>
/// Refit gets a placeholder file name: its MultipartFormDataContent runs the name through ContentDispositionHeaderValue, which
/// throws on a name with a quote. The body actually sent is rebuilt by <see cref="MultipartFormBody"/> from <see cref="UploadFileContent.FileName"/>.
/// </remarks>
internal sealed class UploadStreamPart(UploadFileContent content)
    : StreamPart(Stream.Null, "upload", content.Headers.ContentType?.MediaType ?? "application/octet-stream", "upload_file")
{
    public UploadFileContent Content { get; } = content;

    protected override HttpContent CreateContent() => Content;
}
