namespace CodeGoodly.Upload.Http;

/// <summary>
/// The fields of an API request as Refit built them, captured once so that each attempt can be sent with the current
/// session fields (<c>access_token</c>, <c>account_id</c>) added: a form body for ordinary calls, a multipart body for uploads.
/// </summary>
internal sealed class RequestForm
{
    public const string AccessTokenField = "access_token";
    public const string AccountIdField = "account_id";

    private readonly List<KeyValuePair<string, string>> fields;
    private readonly UploadFileContent? file;
    private readonly string fileField;

    private RequestForm(List<KeyValuePair<string, string>> fields, UploadFileContent? file, string fileField)
    {
        this.fields = fields;
        this.file = file;
        this.fileField = fileField;
    }

    /// <summary>Whether the body can be sent again (false only for an upload whose stream was consumed and cannot seek).</summary>
    public bool CanReplay => file?.CanReplay ?? true;

    /// <summary>The request's own fields, without session fields (for logs and tests).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public static async Task<RequestForm> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.Content)
        {
            case null:
                return new RequestForm([], null, string.Empty);
            case FormUrlEncodedContent form:
                string encoded = await form.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new RequestForm(ParseUrlEncoded(encoded), null, string.Empty);
            case MultipartContent multipart:
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
            default:
                throw new InvalidOperationException($"API requests are sent as forms; {request.Content.GetType().Name} is not supported.");
        }
    }

    /// <summary>Builds the body for one attempt: the request's fields plus the session's. A form's own <c>account_id</c> (admin calls name a target account with it) is kept.</summary>
    public HttpContent Build(SessionToken token)
    {
        var all = new List<KeyValuePair<string, string>>(fields.Count + 2);
        bool hasAccountId = false;
        foreach (KeyValuePair<string, string> field in fields)
        {
            if (field.Key == AccessTokenField)
            {
                continue;
            }

            hasAccountId |= field.Key == AccountIdField;
            all.Add(field);
        }

        all.Add(new(AccessTokenField, token.AccessToken));
        if (!hasAccountId)
        {
            all.Add(new(AccountIdField, token.AccountId));
        }

        return file is null ? new FormUrlEncodedContent(all) : new MultipartFormBody(all, fileField, file);
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
