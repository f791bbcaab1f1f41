namespace CodeGoodly.Upload;

/// <summary>A folder as <c>/folder/info</c>, <c>/folder/listing</c> and the folder write endpoints describe it.</summary>
public sealed record FolderDetails
{
    /// <summary>The folder id.</summary>
    public required FolderId Id { get; init; }

    /// <summary>The parent folder; <see langword="null"/> for a folder in the root.</summary>
    public FolderId? ParentId { get; init; }

    /// <summary>The folder name.</summary>
    public required string FolderName { get; init; }

    /// <summary>The total size of the folder's files, in bytes.</summary>
    public long? TotalSize { get; init; }

    /// <summary>Who can see the folder.</summary>
    public FolderVisibility Visibility { get; init; }

    /// <summary>The MD5 hash of the folder's access password, as the server stores it; <see langword="null"/> when there is none.</summary>
    public string? AccessPassword { get; init; }

    /// <summary>When the folder was created.</summary>
    public DateTimeOffset? DateAdded { get; init; }

    /// <summary>When the folder was last changed.</summary>
    public DateTimeOffset? DateUpdated { get; init; }

    /// <summary>The folder's public page.</summary>
    public Uri? UrlFolder { get; init; }

    /// <summary>Downloads of the folder's files, in total.</summary>
    public long? TotalDownloads { get; init; }

    /// <summary>How many folders the folder holds.</summary>
    public int? ChildFolderCount { get; init; }

    /// <summary>How many files the folder holds.</summary>
    public int? FileCount { get; init; }
}
