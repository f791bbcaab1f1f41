using Refit;

namespace CodeGoodly.Upload.Api;

// Request bodies, one per endpoint shape. A null member is not sent; an empty string is sent blank.

internal sealed class AuthorizeKeysForm
{
    [AliasAs("key1")] public required string Key1 { get; init; }
    [AliasAs("key2")] public required string Key2 { get; init; }
}

internal sealed class AuthorizeLoginForm
{
    [AliasAs("username")] public required string Username { get; init; }
    [AliasAs("password")] public required string Password { get; init; }
}

/// <summary>The field names of <c>/file/upload</c>'s multipart body (<see cref="Transfers.MultipartFormBody"/>).</summary>
internal static class UploadFormFields
{
    public const string FolderId = "folder_id";
    public const string File = "upload_file";
}

internal sealed class FileIdForm
{
    [AliasAs("file_id")] public required string FileId { get; init; }
}

internal sealed class FileEditForm
{
    [AliasAs("file_id")] public required string FileId { get; init; }
    [AliasAs("filename")] public string? FileName { get; init; }
    [AliasAs("fileType")] public string? FileType { get; init; }
    [AliasAs("folder_id")] public string? FolderId { get; init; }
}

internal sealed class FileMoveForm
{
    [AliasAs("file_id")] public required string FileId { get; init; }
    [AliasAs("new_parent_folder_id")] public required string NewParentFolderId { get; init; }
}

internal sealed class FileCopyForm
{
    [AliasAs("file_id")] public required string FileId { get; init; }
    [AliasAs("copy_to_folder_id")] public required string CopyToFolderId { get; init; }
}

internal sealed class FolderCreateForm
{
    [AliasAs("folder_name")] public required string FolderName { get; init; }
    [AliasAs("parent_id")] public string? ParentId { get; init; }
    [AliasAs("is_public")] public required string IsPublic { get; init; }
    [AliasAs("access_password")] public string? AccessPassword { get; init; }
}

internal sealed class FolderListingForm
{
    [AliasAs("parent_folder_id")] public required string ParentFolderId { get; init; }
}

internal sealed class FolderIdForm
{
    [AliasAs("folder_id")] public required string FolderId { get; init; }
}

internal sealed class FolderEditForm
{
    [AliasAs("folder_id")] public required string FolderId { get; init; }
    [AliasAs("folder_name")] public string? FolderName { get; init; }
    [AliasAs("parent_id")] public string? ParentId { get; init; }
    [AliasAs("is_public")] public string? IsPublic { get; init; }
    [AliasAs("access_password")] public string? AccessPassword { get; init; }
}

internal sealed class FolderMoveForm
{
    [AliasAs("folder_id")] public required string FolderId { get; init; }
    [AliasAs("new_parent_folder_id")] public required string NewParentFolderId { get; init; }
}

internal sealed class AccountCreateForm
{
    [AliasAs("username")] public required string Username { get; init; }
    [AliasAs("password")] public required string Password { get; init; }
    [AliasAs("email")] public required string Email { get; init; }
    [AliasAs("package_id")] public string? PackageId { get; init; }
    [AliasAs("status")] public string? Status { get; init; }
    [AliasAs("title")] public string? Title { get; init; }
    [AliasAs("firstname")] public string? FirstName { get; init; }
    [AliasAs("lastname")] public string? LastName { get; init; }
    [AliasAs("paid_expiry_date")] public string? PaidExpiryDate { get; init; }
}

internal sealed class AccountEditForm
{
    // The account to change travels as account_id; SessionHandler leaves a form's own account_id alone.
    [AliasAs("account_id")] public required string AccountId { get; init; }
    [AliasAs("password")] public string? Password { get; init; }
    [AliasAs("email")] public string? Email { get; init; }
    [AliasAs("package_id")] public string? PackageId { get; init; }
    [AliasAs("status")] public string? Status { get; init; }
    [AliasAs("title")] public string? Title { get; init; }
    [AliasAs("firstname")] public string? FirstName { get; init; }
    [AliasAs("lastname")] public string? LastName { get; init; }
    [AliasAs("paid_expiry_date")] public string? PaidExpiryDate { get; init; }
}

internal sealed class AccountIdForm
{
    [AliasAs("account_id")] public required string AccountId { get; init; }
}
