using Refit;

namespace CodeGoodly.Upload.Api;

// The endpoint list, as declarations only: routes from the catalogue (Endpoints), each body's type (a form from Forms.cs, or the
// upload's multipart body; both are HttpContent, which Refit sends as it is). Every method returns the raw response so that
// ApiResponseReader alone decides what the body means (the API reports most errors as HTTP 200).
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
    Task<HttpResponseMessage> FileDownloadAsync([Body] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileInfo)]
    Task<HttpResponseMessage> FileInfoAsync([Body] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileEdit)]
    Task<HttpResponseMessage> FileEditAsync([Body] FileEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileDelete)]
    Task<HttpResponseMessage> FileDeleteAsync([Body] FileIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileMove)]
    Task<HttpResponseMessage> FileMoveAsync([Body] FileMoveForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FileCopy)]
    Task<HttpResponseMessage> FileCopyAsync([Body] FileCopyForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderCreate)]
    Task<HttpResponseMessage> FolderCreateAsync([Body] FolderCreateForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderListing)]
    Task<HttpResponseMessage> FolderListingAsync([Body] FolderListingForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderInfo)]
    Task<HttpResponseMessage> FolderInfoAsync([Body] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderEdit)]
    Task<HttpResponseMessage> FolderEditAsync([Body] FolderEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderDelete)]
    Task<HttpResponseMessage> FolderDeleteAsync([Body] FolderIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.FolderMove)]
    Task<HttpResponseMessage> FolderMoveAsync([Body] FolderMoveForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountCreate)]
    Task<HttpResponseMessage> AccountCreateAsync([Body] AccountCreateForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountEdit)]
    Task<HttpResponseMessage> AccountEditAsync([Body] AccountEditForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.AccountDelete)]
    Task<HttpResponseMessage> AccountDeleteAsync([Body] AccountIdForm form, CancellationToken cancellationToken);

    [Post("/" + Endpoints.PackageListing)]
    Task<HttpResponseMessage> PackageListingAsync(CancellationToken cancellationToken);
}
