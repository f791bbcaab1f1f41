namespace CodeGoodly.Upload.Api;

// Request bodies, one per endpoint shape: each is the HttpContent its Refit call sends (FormBody), its field names in WriteFields.
// A null member is not sent; an empty string is sent blank.

internal sealed class AuthorizeKeysForm : FormBody
{
    public required string Key1 { get; init; }
    public required string Key2 { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("key1", Key1);
        form.Add("key2", Key2);
    }
}

internal sealed class AuthorizeLoginForm : FormBody
{
    public required string Username { get; init; }
    public required string Password { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("username", Username);
        form.Add("password", Password);
    }
}

/// <summary>The field names of <c>/file/upload</c>'s multipart body (<see cref="Transfers.MultipartFormBody"/>).</summary>
internal static class UploadFormFields
{
    public const string FolderId = "folder_id";
    public const string File = "upload_file";
}

internal sealed class FileIdForm : FormBody
{
    public required string FileId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("file_id", FileId);
    }
}

internal sealed class FileEditForm : FormBody
{
    public required string FileId { get; init; }
    public string? FileName { get; init; }
    public string? FileType { get; init; }
    public string? FolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("file_id", FileId);
        form.Add("filename", FileName);
        form.Add("fileType", FileType);
        form.Add("folder_id", FolderId);
    }
}

internal sealed class FileMoveForm : FormBody
{
    public required string FileId { get; init; }
    public required string NewParentFolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("file_id", FileId);
        form.Add("new_parent_folder_id", NewParentFolderId);
    }
}

internal sealed class FileCopyForm : FormBody
{
    public required string FileId { get; init; }
    public required string CopyToFolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("file_id", FileId);
        form.Add("copy_to_folder_id", CopyToFolderId);
    }
}

internal sealed class FolderCreateForm : FormBody
{
    public required string FolderName { get; init; }
    public string? ParentId { get; init; }
    public required string IsPublic { get; init; }
    public string? AccessPassword { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("folder_name", FolderName);
        form.Add("parent_id", ParentId);
        form.Add("is_public", IsPublic);
        form.Add("access_password", AccessPassword);
    }
}

internal sealed class FolderListingForm : FormBody
{
    public required string ParentFolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("parent_folder_id", ParentFolderId);
    }
}

internal sealed class FolderIdForm : FormBody
{
    public required string FolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("folder_id", FolderId);
    }
}

internal sealed class FolderEditForm : FormBody
{
    public required string FolderId { get; init; }
    public string? FolderName { get; init; }
    public string? ParentId { get; init; }
    public string? IsPublic { get; init; }
    public string? AccessPassword { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("folder_id", FolderId);
        form.Add("folder_name", FolderName);
        form.Add("parent_id", ParentId);
        form.Add("is_public", IsPublic);
        form.Add("access_password", AccessPassword);
    }
}

internal sealed class FolderMoveForm : FormBody
{
    public required string FolderId { get; init; }
    public required string NewParentFolderId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("folder_id", FolderId);
        form.Add("new_parent_folder_id", NewParentFolderId);
    }
}

internal sealed class AccountCreateForm : FormBody
{
    public required string Username { get; init; }
    public required string Password { get; init; }
    public required string Email { get; init; }
    public string? PackageId { get; init; }
    public string? Status { get; init; }
    public string? Title { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PaidExpiryDate { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("username", Username);
        form.Add("password", Password);
        form.Add("email", Email);
        form.Add("package_id", PackageId);
        form.Add("status", Status);
        form.Add("title", Title);
        form.Add("firstname", FirstName);
        form.Add("lastname", LastName);
        form.Add("paid_expiry_date", PaidExpiryDate);
    }
}

internal sealed class AccountEditForm : FormBody
{
    // The account to change travels as account_id; FormBody.WithSession keeps a form's own account_id and adds only the token.
    public required string AccountId { get; init; }
    public string? Password { get; init; }
    public string? Email { get; init; }
    public string? PackageId { get; init; }
    public string? Status { get; init; }
    public string? Title { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PaidExpiryDate { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("account_id", AccountId);
        form.Add("password", Password);
        form.Add("email", Email);
        form.Add("package_id", PackageId);
        form.Add("status", Status);
        form.Add("title", Title);
        form.Add("firstname", FirstName);
        form.Add("lastname", LastName);
        form.Add("paid_expiry_date", PaidExpiryDate);
    }
}

internal sealed class AccountIdForm : FormBody
{
    public required string AccountId { get; init; }

    protected override void WriteFields(ref FormWriter form)
    {
        form.Add("account_id", AccountId);
    }
}

/// <summary>The body of an endpoint that takes no fields of its own: the session's fields alone.</summary>
internal sealed class NoFieldsForm : FormBody
{
    protected override void WriteFields(ref FormWriter form)
    {
    }
}
