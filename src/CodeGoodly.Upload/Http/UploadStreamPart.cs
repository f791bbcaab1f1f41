using Refit;

namespace CodeGoodly.Upload.Http;

/// <summary>The Refit <see cref="StreamPart"/> for <c>upload_file</c>, carrying the SDK's streaming, non-disposing file content.</summary>
internal sealed class UploadStreamPart(UploadFileContent content)
    : StreamPart(Stream.Null, content.FileName, content.Headers.ContentType?.MediaType ?? "application/octet-stream", "upload_file")
{
    public UploadFileContent Content { get; } = content;

    protected override HttpContent CreateContent() => Content;
}
