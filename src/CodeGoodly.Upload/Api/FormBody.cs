using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CodeGoodly.Upload.Session;

namespace CodeGoodly.Upload.Api;

/// <summary>
/// A request's form: the <see cref="HttpContent"/> a Refit call sends as it is (no serialiser runs, nothing is read back). Its own
/// fields are encoded once, as <see cref="FormUrlEncodedContent"/> encodes them; through the session (<see cref="ISessionFieldsBody"/>)
/// the session's <c>access_token</c> and <c>account_id</c> follow them, written from the token's own cached bytes without copying.
/// Sent without the session (<c>/authorize</c>) it is its own fields alone. Subclasses (<c>Forms.cs</c>) name their fields in
/// <see cref="WriteFields"/>: a <see langword="null"/> value is not sent, an empty one is sent blank.
/// </summary>
internal abstract class FormBody : HttpContent, ISessionFieldsBody
{
    private static readonly MediaTypeHeaderValue FormMediaType = new("application/x-www-form-urlencoded");
    private byte[]? encoded;
    private bool namesAccount;
    private ReadOnlyMemory<byte> sessionFields; // empty until the first WithSession (the session's fields are never empty)

    /// <summary>Creates the form, typed <c>application/x-www-form-urlencoded</c>.</summary>
    protected FormBody() => Headers.ContentType = FormMediaType;

    /// <summary>A form over fields another form already encoded (<see cref="Resent"/>).</summary>
    private FormBody(byte[] encoded, bool namesAccount)
        : this()
    {
        this.encoded = encoded;
        this.namesAccount = namesAccount;
    }

    /// <summary>A form is bytes in memory: it can always be sent again.</summary>
    public bool CanReplay => true;

    /// <summary>Writes the form's fields, in order, to <paramref name="form"/>.</summary>
    protected abstract void WriteFields(ref FormWriter form);

    /// <summary>
    /// This form with the session's fields after its own: itself the first time, a sibling over the same bytes every time after (a
    /// repeat after a re-authorization is a new body: its length may change with the token, and a sent body's <c>Content-Length</c>
    /// is fixed). A form that names its own <c>account_id</c> (admin calls name their target account with it) keeps it and gets only the token.
    /// </summary>
    public HttpContent WithSession(SessionToken token)
    {
        byte[] own = Encoded();
        if (!sessionFields.IsEmpty)
        {
            return new Resent(own, namesAccount).WithSession(token);
        }

        sessionFields = token.FormFields(includeAccountId: !namesAccount, leadingAmpersand: own.Length > 0);
        return this;
    }

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = Encoded().Length + sessionFields.Length;
        return true;
    }

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteAsync(stream, cancellationToken);

    /// <inheritdoc/>
    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(Encoded());
        stream.Write(sessionFields.Span);
    }

    private async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoded(), cancellationToken).ConfigureAwait(false);
        if (!sessionFields.IsEmpty)
        {
            await stream.WriteAsync(sessionFields, cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] Encoded()
    {
        if (encoded is { } done)
        {
            return done;
        }

        var measure = new FormWriter(default);
        WriteFields(ref measure);
        var bytes = new byte[measure.Length];
        var write = new FormWriter(bytes);
        WriteFields(ref write);
        namesAccount = write.NamesAccount;
        encoded = bytes;
        return bytes;
    }

    /// <summary>The same form sent with a later token: the same encoded fields (never written again), another session part.</summary>
    private sealed class Resent(byte[] encoded, bool namesAccount) : FormBody(encoded, namesAccount)
    {
        protected override void WriteFields(ref FormWriter form) => throw new UnreachableException("A resent form's fields are already encoded.");
    }
}

/// <summary>
/// Writes <c>name=value</c> pairs joined by <c>&amp;</c>, encoded as <see cref="FormUrlEncodedContent"/> encodes them, into a buffer;
/// over an empty buffer it only measures (a form is written twice: once to size its bytes, once to fill them).
/// </summary>
internal ref struct FormWriter(Span<byte> destination)
{
    private readonly Span<byte> destination = destination;

    /// <summary>The bytes written (or measured) so far.</summary>
    public int Length { get; private set; }

    /// <summary>Whether the form names its own <c>account_id</c>.</summary>
    public bool NamesAccount { get; private set; }

    /// <summary>Adds a field; a <see langword="null"/> value adds nothing, an empty one adds <c>name=</c>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="name"/> is <c>access_token</c>: only the session adds it.</exception>
    public void Add(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (name == FormEncoding.AccessTokenField)
        {
            throw new InvalidOperationException("A form must not carry its own access_token: the session adds it.");
        }

        NamesAccount |= name == FormEncoding.AccountIdField;
        string encodedName = FormEncoding.EncodeValue(name);
        string encodedValue = FormEncoding.EncodeValue(value);
        int length = (Length > 0 ? 1 : 0) + encodedName.Length + 1 + encodedValue.Length;
        if (!destination.IsEmpty)
        {
            Span<byte> target = destination[Length..];
            int at = 0;
            if (Length > 0)
            {
                target[at++] = (byte)'&';
            }

            at += System.Text.Encoding.ASCII.GetBytes(encodedName, target[at..]);
            target[at++] = (byte)'=';
            System.Text.Encoding.ASCII.GetBytes(encodedValue, target[at..]);
        }

        Length += length;
    }
}
