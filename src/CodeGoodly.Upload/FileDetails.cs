namespace CodeGoodly.Upload;

/// <summary>A file as <c>/file/info</c>, <c>/folder/listing</c> and the file write endpoints describe it.</summary>
public sealed record FileDetails
{
    /// <summary>The file id.</summary>
    public required FileId Id { get; init; }

    /// <summary>The file name.</summary>
    public required string FileName { get; init; }

    /// <summary>The short code of the file's URL.</summary>
    public string? ShortUrl { get; init; }

    /// <summary>The MIME type.</summary>
    public string? FileType { get; init; }

    /// <summary>The file name extension, without the dot.</summary>
    public string? Extension { get; init; }

    /// <summary>The size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>The status: <c>active</c>, <c>trash</c> or <c>deleted</c> (the API's <c>status</c> or <c>file_status</c>).</summary>
    public string? Status { get; init; }

    /// <summary>How many times the file was downloaded.</summary>
    public long? Downloads { get; init; }

    /// <summary>The folder the file is in; <see langword="null"/> for the root folder.</summary>
    public FolderId? FolderId { get; init; }

    /// <summary>The file's keywords, comma-separated.</summary>
    public string? Keywords { get; init; }

    /// <summary>The file's public page.</summary>
    public Uri? UrlFile { get; init; }

    /// <summary>When the file was uploaded.</summary>
    public DateTimeOffset? UploadedDate { get; init; }

    /// <summary>When the file was last accessed.</summary>
    public DateTimeOffset? LastAccessed { get; init; }

    /// <summary>How the file arrived: <c>direct</c>, <c>remote</c>, <c>ftp</c>, <c>api</c>, …</summary>
    public string? UploadSource { get; init; }

    /// <summary>The file's information page.</summary>
    public Uri? UrlFileInfo { get; init; }

    /// <summary>The file's statistics page.</summary>
    public Uri? UrlFileStats { get; init; }

    /// <summary>The link that deletes the file.</summary>
    public Uri? UrlFileDelete { get; init; }
}
