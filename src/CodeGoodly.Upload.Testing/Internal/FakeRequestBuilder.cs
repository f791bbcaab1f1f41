using System.Net;
using System.Text;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>Builds the <see cref="FakeRequest"/> PHP would see from a request's facts and its body (or its already-parsed parts).</summary>
internal static class FakeRequestBuilder
{
    /// <summary>From a body read whole: multipart is parsed from its raw bytes as PHP does, anything else as a form.</summary>
    public static FakeRequest FromBody(RequestFacts facts, byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        UploadedPart? upload = null;
        if (facts.ContentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            (Dictionary<string, string> partFields, List<UploadedPart> files) = MultipartReader.Read(body, facts.ContentType);
            foreach (var field in partFields)
            {
                fields[field.Key] = field.Value;
            }

            upload = files.FirstOrDefault(f => f.FieldName == "upload_file");
        }
        else if (body.Length > 0)
        {
            foreach (var field in ParseForm(Encoding.UTF8.GetString(body)))
            {
                fields[field.Key] = field.Value;
            }
        }

        return FromParts(facts, fields, upload);
    }

    /// <summary>From fields and the file part read elsewhere (the streaming upload reader); query fields come first, body fields win.</summary>
    public static FakeRequest FromParts(RequestFacts facts, IReadOnlyDictionary<string, string> bodyFields, UploadedPart? upload)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in facts.Query)
        {
            fields[item.Key] = item.Value;
        }

        foreach (var field in bodyFields)
        {
            fields[field.Key] = field.Value;
        }

        return new FakeRequest
        {
            Endpoint = facts.IsApi ? facts.Endpoint : Uri.UnescapeDataString(facts.Path),
            IsApi = facts.IsApi,
            Method = facts.Method,
            Fields = fields.ToDictionary(f => f.Key, f => PhpText.CleanParameter(f.Value), StringComparer.Ordinal),
            RawFields = fields,
            Upload = upload,
            ContentLength = facts.ContentLength,
            IsChunked = facts.IsChunked,
            HadCookie = facts.Cookie is not null,
            BroughtSessionCookie = FakeHttp.HasSessionCookie(facts.Cookie),
            ClientIp = facts.ClientIp,
        };
    }

    private static Dictionary<string, string> ParseForm(string encoded)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result[WebUtility.UrlDecode(name)] = WebUtility.UrlDecode(value);
        }

        return result;
    }
}
