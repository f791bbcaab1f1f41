using Refit;

namespace CodeGoodly.Upload.Api;

// The endpoint list, as declarations only: routes from the catalogue (Endpoints), form field names. Every method returns the raw
// response so that ApiResponseReader alone decides what the body means (the API reports most errors as HTTP 200).
// access_token and account_id are not declared: SessionHandler adds them to every request body.

/// <summary>The account, file and folder endpoints.</summary>
internal interface IUploadApi
{
    [Post("/" + Endpoints.AccountInfo)]
    Task<HttpResponseMessage> AccountInfoAsync(CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountPackage)]
    Task<HttpResponseMessage> AccountPackageAsync(CancellationToken cancellationToken);

    /// <summary>Sends the SDK's own multipart body as it is (Refit passes an <see cref="HttpContent"/> body through untouched); the session handler adds the token fields to it.</summary>
    [Post("/" + Endpoints.FileUpload)]
    Task<HttpResponseMessage> FileUploadAsync([Body] HttpContent body, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileDownload)]
    Task<HttpResponseMessage> FileDownloadAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileInfo)]
    Task<HttpResponseMessage> FileInfoAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileEdit)]
    Task<HttpResponseMessage> FileEditAsync([Body(BodySerializationMethod.UrlEncoded)] FileEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileDelete)]
    Task<HttpResponseMessage> FileDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileMove)]
    Task<HttpResponseMessage> FileMoveAsync([Body(BodySerializationMethod.UrlEncoded)] FileMoveForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileCopy)]
    Task<HttpResponseMessage> FileCopyAsync([Body(BodySerializationMethod.UrlEncoded)] FileCopyForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderCreate)]
    Task<HttpResponseMessage> FolderCreateAsync([Body(BodySerializationMethod.UrlEncoded)] FolderCreateForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderListing)]
    Task<HttpResponseMessage> FolderListingAsync([Body(BodySerializationMethod.UrlEncoded)] FolderListingForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderInfo)]
    Task<HttpResponseMessage> FolderInfoAsync([Body(BodySerializationMethod.UrlEncoded)] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderEdit)]
    Task<HttpResponseMessage> FolderEditAsync([Body(BodySerializationMethod.UrlEncoded)] FolderEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderDelete)]
    Task<HttpResponseMessage> FolderDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderMove)]
    Task<HttpResponseMessage> FolderMoveAsync([Body(BodySerializationMethod.UrlEncoded)] FolderMoveForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountCreate)]
    Task<HttpResponseMessage> AccountCreateAsync([Body(BodySerializationMethod.UrlEncoded)] AccountCreateForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountEdit)]
    Task<HttpResponseMessage> AccountEditAsync([Body(BodySerializationMethod.UrlEncoded)] AccountEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountDelete)]
    Task<HttpResponseMessage> AccountDeleteAsync([Body(BodySerializationMethod.UrlEncoded)] AccountIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.PackageListing)]
    Task<HttpResponseMessage> PackageListingAsync(CancellationToken cancellationToken);
}
