using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload.Session;

/// <summary>An access token and the account it belongs to, as <c>/authorize</c> issued them.</summary>
internal sealed record SessionToken(string AccessToken, string AccountId)
{
    private byte[]? formFields;
    private int formTokenLength;

    /// <summary>
    /// <c>&amp;access_token=…&amp;account_id=…</c> URL-encoded as <see cref="FormUrlEncodedContent"/> encodes it, built once per token:
    /// a form (<see cref="Api.FormBody"/>) sends it after its own fields. Without <paramref name="includeAccountId"/> it stops after the
    /// token (a form that names its own account); without <paramref name="leadingAmpersand"/> it starts at <c>access_token</c> (a form with no fields of its own).
    /// </summary>
    internal ReadOnlyMemory<byte> FormFields(bool includeAccountId, bool leadingAmpersand)
    {
        if (Volatile.Read(ref formFields) is not { } fields)
        {
            string token = $"&{Api.FormEncoding.AccessTokenField}={Api.FormEncoding.EncodeValue(AccessToken)}";
            formTokenLength = token.Length;
            fields = System.Text.Encoding.ASCII.GetBytes($"{token}&{Api.FormEncoding.AccountIdField}={Api.FormEncoding.EncodeValue(AccountId)}");
            Volatile.Write(ref formFields, fields);
        }

        ReadOnlyMemory<byte> part = includeAccountId ? fields : fields.AsMemory(0, formTokenLength);
        return leadingAmpersand ? part : part[1..];
    }

    /// <summary>Two tokens are the same when they hold the same token for the same account (the cached form bytes are no part of it).</summary>
    public bool Equals(SessionToken? other) =>
        other is not null && string.Equals(AccessToken, other.AccessToken, StringComparison.Ordinal) && string.Equals(AccountId, other.AccountId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccessToken, AccountId);

    /// <summary>Describes the session without its token.</summary>
    public override string ToString() => $"SessionToken {{ AccountId = {AccountId}, AccessToken = {Redaction.Mask} }}";
}
