namespace CodeGoodly.Upload;

/// <summary>A file the server stored, from <c>/file/upload</c>.</summary>
public sealed record UploadedFile
{
    /// <summary>The new file's id.</summary>
    public required FileId FileId { get; init; }

    /// <summary>The file name as the server stored it.</summary>
    public required string Name { get; init; }

    /// <summary>The size in bytes the server received.</summary>
    public long Size { get; init; }

    /// <summary>The MIME type the server recorded.</summary>
    public string? Type { get; init; }

    /// <summary>The file's public page.</summary>
    public Uri? Url { get; init; }

    /// <summary>The link that deletes the file.</summary>
    public Uri? DeleteUrl { get; init; }

    /// <summary>The file's information page.</summary>
    public Uri? InfoUrl { get; init; }

    /// <summary>The file's statistics page.</summary>
    public Uri? StatsUrl { get; init; }

    /// <summary>The short code of the file's URL, e.g. <c>2Vv</c>.</summary>
    public string? ShortUrl { get; init; }

    /// <summary>The MD5 hash of the content, as lowercase hex; <see langword="null"/> when the server computed none (deployed servers often send <c>false</c>).</summary>
    public string? Hash { get; init; }

    /// <summary>The server's unique hash of the file.</summary>
    public string? UniqueHash { get; init; }

    /// <summary>The hash in the delete link.</summary>
    public string? DeleteHash { get; init; }

    /// <summary>An HTML link to the file.</summary>
    public string? UrlHtml { get; init; }

    /// <summary>A BBCode link to the file.</summary>
    public string? UrlBbCode { get; init; }
}
