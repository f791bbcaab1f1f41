namespace CodeGoodly.Upload.Http;

/// <summary>
/// The fields of an API request as Refit built them, captured once so that each attempt can be sent with the current
/// session fields (<c>access_token</c>, <c>account_id</c>) added: a form body for ordinary calls, a multipart body for uploads.
/// </summary>
internal sealed class RequestForm
{
    public const string AccessTokenField = "access_token";
    public const string AccountIdField = "account_id";

    /// <summary>A form body exactly as Refit encoded it, when it carries no <c>access_token</c> of its own (then the session's fields are appended to these bytes).</summary>
    private readonly byte[]? encoded;
    private readonly bool hasAccountId;
    private List<KeyValuePair<string, string>>? fields;
    private readonly UploadFileContent? file;
    private readonly string fileField;

    private RequestForm(List<KeyValuePair<string, string>> fields, UploadFileContent? file, string fileField)
    {
        this.fields = fields;
        this.file = file;
        this.fileField = fileField;
    }

    private RequestForm(byte[] encoded, bool hasAccountId)
    {
        this.encoded = encoded;
        this.hasAccountId = hasAccountId;
        fileField = string.Empty;
    }

    /// <summary>Whether the body can be sent again (false only for an upload whose stream was consumed and cannot seek).</summary>
    public bool CanReplay => file?.CanReplay ?? true;


    public static ValueTask<RequestForm> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.Content)
        {
            case null:
                return ValueTask.FromResult(new RequestForm([], null, string.Empty));
            case FormUrlEncodedContent form:
                return ValueTask.FromResult(CaptureForm(form, cancellationToken));
            case MultipartContent multipart:
                return CaptureMultipartAsync(multipart, cancellationToken);
            default:
                throw new InvalidOperationException($"API requests are sent as forms; {request.Content.GetType().Name} is not supported.");
        }
    }

    /// <summary>Builds the body for one attempt: the request's fields plus the session's. A form's own <c>account_id</c> (admin calls name a target account with it) is kept.</summary>
    public HttpContent Build(SessionToken token)
    {
        if (encoded is not null)
        {
            // The same bytes FormUrlEncodedContent would produce for the fields plus the session's, without decoding and re-encoding them.
            ReadOnlySpan<byte> session = token.FormFields(out int tokenLength);
            if (hasAccountId)
            {
                session = session[..tokenLength];
            }

            if (encoded.Length == 0)
            {
                session = session[1..]; // no '&' before the first pair
            }

            byte[] body = new byte[encoded.Length + session.Length];
            encoded.CopyTo(body, 0);
            session.CopyTo(body.AsSpan(encoded.Length));
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        var all = new List<KeyValuePair<string, string>>(fields!.Count + 2);
        bool accountIdGiven = false;
        foreach (KeyValuePair<string, string> field in fields)
        {
            if (field.Key == AccessTokenField)
            {
                continue;
            }

            accountIdGiven |= field.Key == AccountIdField;
            all.Add(field);
        }

        all.Add(new(AccessTokenField, token.AccessToken));
        if (!accountIdGiven)
        {
            all.Add(new(AccountIdField, token.AccountId));
        }

        return file is null ? new FormUrlEncodedContent(all) : new MultipartFormBody(all, fileField, file);
    }

    /// <summary>Encodes a form name or value the way <see cref="FormUrlEncodedContent"/> does.</summary>
    internal static string EncodeFormValue(string value) =>
        string.IsNullOrEmpty(value) ? string.Empty : Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static RequestForm CaptureForm(FormUrlEncodedContent form, CancellationToken cancellationToken)
    {
        // Refit's form is bytes in memory: copy them as they are.
        using Stream stream = form.ReadAsStream(cancellationToken);
        byte[] encoded = new byte[checked((int)stream.Length)];
        stream.ReadExactly(encoded);

        bool hasAccessToken = false;
        bool hasAccountId = false;
        for (ReadOnlySpan<byte> rest = encoded; !rest.IsEmpty;)
        {
            int ampersand = rest.IndexOf((byte)'&');
            ReadOnlySpan<byte> field = ampersand < 0 ? rest : rest[..ampersand];
            rest = ampersand < 0 ? default : rest[(ampersand + 1)..];
            int equals = field.IndexOf((byte)'=');
            ReadOnlySpan<byte> name = equals < 0 ? field : field[..equals];
            hasAccessToken |= name.SequenceEqual("access_token"u8);
            hasAccountId |= name.SequenceEqual("account_id"u8);
        }

        // A form with its own access_token (none today) is rebuilt field by field, which drops it.
        return hasAccessToken
            ? new RequestForm(ParseUrlEncoded(System.Text.Encoding.ASCII.GetString(encoded)), null, string.Empty)
            : new RequestForm(encoded, hasAccountId);
    }

    private static async ValueTask<RequestForm> CaptureMultipartAsync(MultipartContent multipart, CancellationToken cancellationToken)
    {
        var multipartFields = new List<KeyValuePair<string, string>>();
        UploadFileContent? file = null;
        string fileField = "upload_file";
        foreach (HttpContent part in multipart)
        {
            string name = part.Headers.ContentDisposition?.Name?.Trim('"') ?? string.Empty;
            if (part is UploadFileContent upload)
            {
                file = upload;
                fileField = name;
            }
            else
            {
                multipartFields.Add(new(name, await part.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
            }
        }

        return file is null
            ? throw new InvalidOperationException("A multipart API request must carry the SDK's upload content.")
            : new RequestForm(multipartFields, file, fileField);
    }

    internal static List<KeyValuePair<string, string>> ParseUrlEncoded(string encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (string pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result.Add(new(Decode(name), Decode(value)));
        }

        return result;

        static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
    }
}
