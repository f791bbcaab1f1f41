using Refit;

namespace CodeGoodly.Upload.Api;

// access_token and account_id are not declared: the session handler adds them (a sign-out carries the token it disables as a request option).

/// <summary>The session endpoints, used only by <see cref="Session.SessionHandler"/>.</summary>
internal interface ISessionApi
{
    [Post("/" + Endpoints.Authorize)]
    Task<HttpResponseMessage> AuthorizeWithKeysAsync([Body] AuthorizeKeysForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.Authorize)]
    Task<HttpResponseMessage> AuthorizeWithLoginAsync([Body] AuthorizeLoginForm form, CancellationToken cancellationToken);

    /// <summary>Disables <paramref name="token"/>, the token the sign-out took out of the session (<see cref="Session.SessionHandler.SignOutToken"/>).</summary>
    [Post("/" + Endpoints.DisableAccessToken)]
    Task<HttpResponseMessage> DisableAccessTokenAsync([Property(Session.SessionHandler.SignOutTokenKey)] Session.SessionToken token, CancellationToken cancellationToken);
}
