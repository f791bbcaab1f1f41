using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// The one seam between a request body and the session: a body that can be sent with the session's fields
/// (<c>access_token</c>, <c>account_id</c>) added. Form bodies (<see cref="Api.FormBody"/>) and the upload's multipart body
/// (<see cref="Transfers.MultipartFormBody"/>) implement it; <see cref="SessionHandler"/> calls it once per token.
/// </summary>
internal interface ISessionFieldsBody
{
    /// <summary>Whether the body can be sent (again): false only for an upload whose stream was consumed and cannot seek.</summary>
    bool CanReplay { get; }

    /// <summary>The content to send for one attempt: the request's own fields plus the session's. A body's own <c>account_id</c> (admin calls name a target account with it) is kept.</summary>
    HttpContent WithSession(SessionToken token);
}
