using System.Globalization;
using System.Net;
using System.Text;
using CodeGoodly.Upload.Resilience;
using CodeGoodly.Upload.Session;

namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// A <c>multipart/form-data</c> body with text fields and one file, written by hand so that the file name goes out as raw
/// UTF-8 (PHP ignores the RFC 2047 and RFC 5987 forms .NET would write) and the body has a <c>Content-Length</c>
/// whenever the file's length is known (many PHP hosts see no file in a chunked body). It reports facts about the upload
/// (can it be replayed, was the whole body sent, did the caller's stream fail); the retry rules decide what they mean.
/// </summary>
internal sealed class MultipartFormBody : HttpContent, ISessionFieldsBody, IUploadBodyFacts
{
    private readonly KeyValuePair<string, string>[] fields;
    private readonly string fileField;
    private readonly StreamingFileContent file;
    private readonly string boundary;
    private SessionToken? session;
    private byte[] head;
    private readonly byte[] tail;

    /// <summary>The upload's body: its own <paramref name="fields"/>, then (once <see cref="WithSession"/> names a token) the session's, then the file.</summary>
    public MultipartFormBody(IEnumerable<KeyValuePair<string, string>> fields, string fileField, StreamingFileContent file)
        : this([.. fields], fileField, file, session: null)
    {
    }

    private MultipartFormBody(KeyValuePair<string, string>[] fields, string fileField, StreamingFileContent file, SessionToken? session)
    {
        this.fields = fields;
        this.fileField = fileField;
        this.file = file;
        this.session = session;
        boundary = "----CodeGoodlyUpload" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        head = BuildHead(session);
        tail = Encoding.UTF8.GetBytes("\r\n--" + boundary + "--\r\n");
        Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    /// <summary>
    /// This body with the session's fields: itself for its first token (or the same one again), a sibling over the same file for
    /// another token after a re-authorization (its length changes with the token, and a sent body's <c>Content-Length</c> is fixed).
    /// </summary>
    public HttpContent WithSession(SessionToken token)
    {
        if (session is null)
        {
            session = token;
            head = BuildHead(token);
            return this;
        }

        return session.Equals(token) ? this : new MultipartFormBody(fields, fileField, file, token);
    }

    private byte[] BuildHead(SessionToken? token)
    {
        var text = new StringBuilder();
        foreach ((string name, string value) in fields)
        {
            AppendField(text, name, value);
        }

        if (token is not null)
        {
            AppendField(text, Api.FormEncoding.AccessTokenField, token.AccessToken);
            if (!fields.Any(field => field.Key == Api.FormEncoding.AccountIdField))
            {
                AppendField(text, Api.FormEncoding.AccountIdField, token.AccountId);
            }
        }

        text.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(Quote(fileField)).Append("\"; filename=\"").Append(Quote(file.FileName)).Append("\"\r\n")
            .Append("Content-Type: ").Append(file.Headers.ContentType?.ToString() ?? "application/octet-stream").Append("\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private void AppendField(StringBuilder text, string name, string value) =>
        text.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(Quote(name)).Append("\"\r\n\r\n")
            .Append(value).Append("\r\n");

    // Facts about the upload for the retry rules (RetryRules decides what they mean) and the resilience pipeline.

    /// <summary>Whether the body can be sent (again): not sent yet, or its stream can seek back.</summary>
    public bool CanReplay => file.CanReplay;

    /// <summary>Whether the last attempt handed every byte of the file to the network: only then can the server have stored it.</summary>
    public bool BodyCompleted => file.BodyCompleted;

    /// <summary>Whether the caller's stream (or a local check), not the network, stopped the last attempt.</summary>
    public bool HasLocalFailure => file.LocalFailure is not null;

    /// <summary>A retry's wait is not "no progress": the upload's idle watchdog (if any) must not cut it off.</summary>
    public void AllowRetryWait(TimeSpan delay) => file.Watchdog?.AllowWait(delay);

    /// <summary>Escapes a value for a quoted header parameter: backslash and quote are escaped, line breaks cannot appear.</summary>
    internal static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

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
