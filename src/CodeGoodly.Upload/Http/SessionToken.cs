namespace CodeGoodly.Upload.Http;

/// <summary>An access token and the account it belongs to, as <c>/authorize</c> issued them.</summary>
internal sealed record SessionToken(string AccessToken, string AccountId)
{
    /// <summary>Describes the session without its token.</summary>
    public override string ToString() => $"SessionToken {{ AccountId = {AccountId}, AccessToken = {Redaction.Mask} }}";
}
