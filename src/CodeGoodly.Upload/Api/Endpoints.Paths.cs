namespace CodeGoodly.Upload.Api;

// Every path of the File Upload API v2, below the base address (https://host/api/v2/), written once. The SDK's catalogue
// (Endpoints.cs) and Refit routes use them; the fake server (CodeGoodly.Upload.Testing) compiles this file in to route the same paths.

/// <summary>The API's paths (see <c>Endpoints.cs</c> for what the SDK knows about each).</summary>
internal static partial class Endpoints
{
    public const string Authorize = "authorize";
    public const string DisableAccessToken = "disable_access_token";
    public const string AccountInfo = "account/info";
    public const string AccountPackage = "account/package";
    public const string FileUpload = "file/upload";
    public const string FileDownload = "file/download";
    public const string FileInfo = "file/info";
    public const string FileEdit = "file/edit";
    public const string FileDelete = "file/delete";
    public const string FileMove = "file/move";
    public const string FileCopy = "file/copy";
    public const string FolderCreate = "folder/create";
    public const string FolderListing = "folder/listing";
    public const string FolderInfo = "folder/info";
    public const string FolderEdit = "folder/edit";
    public const string FolderDelete = "folder/delete";
    public const string FolderMove = "folder/move";
    public const string AccountCreate = "account/create";
    public const string AccountEdit = "account/edit";
    public const string AccountDelete = "account/delete";
    public const string PackageListing = "package/listing";
}
