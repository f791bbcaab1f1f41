namespace CodeGoodly.Upload;

/// <summary>The result of <see cref="IFilesClient.CopyAsync"/>: the file copied and its new copy.</summary>
public sealed record FileCopyResult
{
    /// <summary>The file that was copied.</summary>
    public required FileDetails Original { get; init; }

    /// <summary>The new copy.</summary>
    public required FileDetails Copy { get; init; }
}
