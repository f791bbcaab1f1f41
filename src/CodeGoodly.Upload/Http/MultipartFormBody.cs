using System.Globalization;
using System.Net;
using System.Text;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// A <c>multipart/form-data</c> body with text fields and one file, written by hand so that the file name goes out as raw
/// UTF-8 (PHP ignores the RFC 2047 and RFC 5987 forms .NET would write) and the body has a <c>Content-Length</c>
/// whenever the file's length is known (many PHP hosts see no file in a chunked body).
/// </summary>
internal sealed class MultipartFormBody : HttpContent
{
    private readonly byte[] head;
    private readonly byte[] tail;
    private readonly UploadFileContent file;

    public MultipartFormBody(IEnumerable<KeyValuePair<string, string>> fields, string fileField, UploadFileContent file)
    {
        this.file = file;
        string boundary = "----CodeGoodlyUpload" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach ((string name, string value) in fields)
        {
            text.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(Quote(name)).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        text.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(Quote(fileField)).Append("\"; filename=\"").Append(Quote(file.FileName)).Append("\"\r\n")
            .Append("Content-Type: ").Append(file.Headers.ContentType?.ToString() ?? "application/octet-stream").Append("\r\n\r\n");
        head = Encoding.UTF8.GetBytes(text.ToString());
        tail = Encoding.UTF8.GetBytes("\r\n--" + boundary + "--\r\n");
        Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    public bool CanReplay => file.CanReplay;

    /// <summary>Escapes a value for a quoted header parameter: backslash and quote are escaped, line breaks cannot appear.</summary>
    internal static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>
    /// The upload's retry rule, which never risks a second copy of the file: send again only when the stream can be rewound
    /// and the server certainly did not store the file — it answered 429, or a 5xx other than 502/504 (a proxy's 502/504
    /// says the backend may still be working on it), or the request failed before the whole body was handed over (a
    /// truncated multipart body is never stored), or the connection was refused. A lost answer after the whole body was sent
    /// is not retried. A failure of the caller's own stream is never retried.
    /// </summary>
    public bool ShouldRetry(HttpResponseMessage? response, Exception? exception)
    {
        if (!file.CanReplay || file.LocalFailure is not null)
        {
            return false;
        }

        if (response is not null)
        {
            int status = (int)response.StatusCode;
            return status == (int)HttpStatusCode.TooManyRequests
                || (status >= 500 && status != (int)HttpStatusCode.BadGateway && status != (int)HttpStatusCode.GatewayTimeout);
        }

        return exception is not null && exception is not OperationCanceledException
            && (!file.BodyCompleted || RetryRules.CertainlyNotSent(exception));
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await file.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = head.Length + (file.Length ?? 0) + tail.Length;
        return file.Length is not null;
    }
}
