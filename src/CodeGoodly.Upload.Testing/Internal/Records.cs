namespace CodeGoodly.Upload.Testing.Internal;

// The fake's in-memory tables, mutated only under FakeApi's lock.

internal sealed class AccountRecord
{
    public required long Id { get; init; }
    public required string Username { get; set; }
    public required string Password { get; set; }
    public required string Key1 { get; init; }
    public required string Key2 { get; init; }
    public required int LevelId { get; set; }
    public string? Email { get; set; }
    public string Status { get; set; } = "active";
    public string? Title { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public int? LanguageId { get; set; }
    public DateTimeOffset? DateCreated { get; set; }
    public DateTimeOffset? LastLoginDate { get; set; }
    public string? LastLoginIp { get; set; }
    public string? PaidExpiryDate { get; set; }
    public bool ApiAccess { get; set; } = true;
}

internal sealed class PackageRecord
{
    public required int Id { get; init; }
    public required string Label { get; init; }
    public required string LevelType { get; init; }
    public long MaxUploadSize { get; set; } = 1073741824;
    public bool CanUpload { get; set; } = true;
}

internal sealed class FolderRecord
{
    public required long Id { get; init; }
    public required long OwnerId { get; init; }
    public long? ParentId { get; set; }
    public required string Name { get; set; }
    public int IsPublic { get; set; }
    public string? AccessPassword { get; set; }
    public required DateTimeOffset DateAdded { get; init; }
    public DateTimeOffset? DateUpdated { get; set; }
    public bool Deleted { get; set; }
}

internal sealed class FileRecord
{
    public required long Id { get; init; }
    public required long OwnerId { get; init; }
    public long? FolderId { get; set; }
    public required string Name { get; set; }
    public required string FileType { get; set; }
    public required Storage.FileContent Content { get; set; }

    /// <summary>1 for the first content, one more each time it is replaced (the download <c>ETag</c> changes with it).</summary>
    public int ContentVersion { get; set; } = 1;

    /// <summary>When the content was stored or last replaced (the download <c>Last-Modified</c>).</summary>
    public required DateTimeOffset ContentChangedAt { get; set; }
    public required string ShortUrl { get; init; }
    public required string DeleteHash { get; init; }
    public required string UniqueHash { get; init; }
    public required string UploadedIp { get; init; }
    public required DateTimeOffset UploadedDate { get; init; }
    public DateTimeOffset? LastAccessed { get; set; }
    public string Status { get; set; } = "active";
    public long Downloads { get; set; }
}

internal sealed class TokenRecord
{
    public required long AccountId { get; init; }
    public required DateTimeOffset LastUsed { get; set; }
}

internal sealed record DownloadGrant(long FileId, long AccountId);

/// <summary>What a download link serves: the file's name and current content, with its version and date for the validators.</summary>
internal sealed record DownloadTarget(long FileId, string FileName, Storage.FileContent Content, int ContentVersion, DateTimeOffset ContentChangedAt);
