namespace CodeGoodly.Upload;

/// <summary>An access token and the account it belongs to, as <c>/authorize</c> issued them: what an <see cref="IUploadSessionStore"/> keeps.</summary>
/// <remarks><see cref="ToString"/> never shows the token.</remarks>
public sealed class UploadSessionToken : IEquatable<UploadSessionToken>
{
    /// <summary>Creates a token.</summary>
    /// <param name="accessToken">The access token (secret).</param>
    /// <param name="accountId">The account id the server issued it for.</param>
    /// <exception cref="ArgumentException">Either value is empty.</exception>
    public UploadSessionToken(string accessToken, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        AccessToken = accessToken;
        AccountId = accountId;
    }

    /// <summary>The access token: a secret, sent as <c>access_token</c> with every call.</summary>
    public string AccessToken { get; }

    /// <summary>The account id, sent as <c>account_id</c> with every call.</summary>
    public string AccountId { get; }

    /// <summary>Two tokens are equal when they hold the same token for the same account.</summary>
    /// <param name="other">The other token.</param>
    public bool Equals(UploadSessionToken? other) =>
        other is not null && string.Equals(AccessToken, other.AccessToken, StringComparison.Ordinal)
        && string.Equals(AccountId, other.AccountId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as UploadSessionToken);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccessToken, AccountId);

    /// <summary>Describes the token without revealing it.</summary>
    public override string ToString() => $"UploadSessionToken {{ AccountId = {AccountId}, AccessToken = *** }}";
}
