using Refit;

namespace CodeGoodly.Upload.Api;

// The endpoint list, as declarations only: path, form field names, multipart parts. Every method returns the raw
// response so that ApiResponseReader alone decides what the body means (the API reports most errors as HTTP 200).
// access_token and account_id are not declared: SessionHandler adds them to every request body.

/// <summary>The session endpoints, used only by <see cref="Http.SessionHandler"/>.</summary>
internal interface ISessionApi
{
    [Post("/authorize")]
    Task<HttpResponseMessage> AuthorizeWithKeysAsync([Body(BodySerializationMethod.UrlEncoded)] AuthorizeKeysForm form, CancellationToken cancellationToken);

    [Post("/authorize")]
    Task<HttpResponseMessage> AuthorizeWithLoginAsync([Body(BodySerializationMethod.UrlEncoded)] AuthorizeLoginForm form, CancellationToken cancellationToken);

    /// <summary>Disables <paramref name="token"/>, the token the sign-out took out of the session (<see cref="Http.SessionHandler.SignOutToken"/>).</summary>
    [Post("/disable_access_token")]
    Task<HttpResponseMessage> DisableAccessTokenAsync([Property(Http.SessionHandler.SignOutTokenKey)] Http.SessionToken token, CancellationToken cancellationToken);
}

/// <summary>The account, file and folder endpoints.</summary>
internal interface IUploadApi
{
    [Post("/account/info")]
    Task<HttpResponseMessage> AccountInfoAsync(CancellationToken cancellationToken);

    [Post("/account/package")]
    Task<HttpResponseMessage> AccountPackageAsync(CancellationToken cancellationToken);

    [Multipart]
    [Post("/file/upload")]
    Task<HttpResponseMessage> FileUploadAsync([AliasAs("upload_file")] StreamPart uploadFile, [AliasAs("folder_id")] string folderId, CancellationToken cancellationToken);

    [Post("/file/download")]
    Task<HttpResponseMessage> FileDownloadAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/file/info")]
    Task<HttpResponseMessage> FileInfoAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/file/edit")]
    Task<HttpResponseMessage> FileEditAsync([Body(BodySerializationMethod.UrlEncoded)] FileEditForm form, CancellationToken cancellationToken);

    [Post("/file/delete")]
    Task<HttpResponseMessage> FileDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/file/move")]
    Task<HttpResponseMessage> FileMoveAsync([Body(BodySerializationMethod.UrlEncoded)] FileMoveForm form, CancellationToken cancellationToken);

    [Post("/file/copy")]
    Task<HttpResponseMessage> FileCopyAsync([Body(BodySerializationMethod.UrlEncoded)] FileCopyForm form, CancellationToken cancellationToken);

    [Post("/folder/create")]
    Task<HttpResponseMessage> FolderCreateAsync([Body(BodySerializationMethod.UrlEncoded)] FolderCreateForm form, CancellationToken cancellationToken);

    [Post("/folder/listing")]
    Task<HttpResponseMessage> FolderListingAsync([Body(BodySerializationMethod.UrlEncoded)] FolderListingForm form, CancellationToken cancellationToken);

    [Post("/folder/info")]
    Task<HttpResponseMessage> FolderInfoAsync([Body(BodySerializationMethod.UrlEncoded)] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/folder/edit")]
    Task<HttpResponseMessage> FolderEditAsync([Body(BodySerializationMethod.UrlEncoded)] FolderEditForm form, CancellationToken cancellationToken);

    [Post("/folder/delete")]
    Task<HttpResponseMessage> FolderDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/folder/move")]
    Task<HttpResponseMessage> FolderMoveAsync([Body(BodySerializationMethod.UrlEncoded)] FolderMoveForm form, CancellationToken cancellationToken);

    [Post("/account/create")]
    Task<HttpResponseMessage> AccountCreateAsync([Body(BodySerializationMethod.UrlEncoded)] AccountCreateForm form, CancellationToken cancellationToken);

    [Post("/account/edit")]
    Task<HttpResponseMessage> AccountEditAsync([Body(BodySerializationMethod.UrlEncoded)] AccountEditForm form, CancellationToken cancellationToken);

    [Post("/account/delete")]
    Task<HttpResponseMessage> AccountDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] AccountIdForm form, CancellationToken cancellationToken);

    [Post("/package/listing")]
    Task<HttpResponseMessage> PackageListingAsync(CancellationToken cancellationToken);
}
