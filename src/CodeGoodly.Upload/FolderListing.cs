namespace CodeGoodly.Upload;

/// <summary>What a folder holds, from <c>/folder/listing</c>: its folders, and its active files sorted by name.</summary>
public sealed record FolderListing
{
    /// <summary>The folders in the folder.</summary>
    public required IReadOnlyList<FolderDetails> Folders { get; init; }

    /// <summary>The active files in the folder.</summary>
    public required IReadOnlyList<FileDetails> Files { get; init; }
}
