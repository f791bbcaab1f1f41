using CodeGoodly.Upload.Http;

using System.Net.Http.Headers;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// A form request's fields as Refit encoded them (<c>application/x-www-form-urlencoded</c> bytes), read once; each attempt is sent
/// as those bytes with the session's fields appended, without decoding and re-encoding anything.
/// </summary>
internal sealed class FormFieldsBody : ISessionFieldsBody
{
    private static readonly MediaTypeHeaderValue FormMediaType = new("application/x-www-form-urlencoded");
    private readonly byte[] encoded;
    private readonly bool hasAccountId;

    private FormFieldsBody(byte[] encoded, bool hasAccountId)
    {
        this.encoded = encoded;
        this.hasAccountId = hasAccountId;
    }

    /// <summary>A form is bytes in memory: it can always be sent again.</summary>
    public bool CanReplay => true;

    /// <summary>Reads the fields of <paramref name="content"/>: a form Refit built, or no body at all (endpoints without fields).</summary>
    public static FormFieldsBody Of(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return new FormFieldsBody([], hasAccountId: false);
        }

        if (content is not FormUrlEncodedContent form)
        {
            throw new InvalidOperationException($"API requests are sent as forms; {content.GetType().Name} is not supported.");
        }

        using Stream stream = form.ReadAsStream(cancellationToken);
        byte[] encoded = new byte[checked((int)stream.Length)];
        stream.ReadExactly(encoded);
        if (FormEncoding.HasField(encoded, FormEncoding.AccessTokenField))
        {
            throw new InvalidOperationException("A form must not carry its own access_token: the session adds it.");
        }

        return new FormFieldsBody(encoded, FormEncoding.HasField(encoded, FormEncoding.AccountIdField));
    }

    /// <inheritdoc/>
    public HttpContent WithSession(SessionToken token)
    {
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
        content.Headers.ContentType = FormMediaType;
        return content;
    }
}
