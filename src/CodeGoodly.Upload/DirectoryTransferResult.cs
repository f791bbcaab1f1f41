namespace CodeGoodly.Upload;

/// <summary>What a directory transfer did, file by file. Paths are relative to the tree's top and use <c>/</c> separators.</summary>
public sealed record DirectoryTransferResult
{
    /// <summary>Files transferred by this call, in ordinal order of their paths.</summary>
    public required IReadOnlyList<string> Transferred { get; init; }

    /// <summary>Files left as they were because the same name and size was already there.</summary>
    public required IReadOnlyList<string> Skipped { get; init; }

    /// <summary>
    /// Files that could not be transferred, each with its <see cref="UploadApiException"/> or I/O error. A folder that could
    /// not be created, listed or written is listed too, with a path ending in <c>/</c> (an upload also lists each file below it;
    /// a download cannot know the files of a folder it could not list).
    /// </summary>
    public required IReadOnlyList<FileTransferFailure> Failed { get; init; }

    /// <summary>Folders (an upload) or local directories (a download) this call created.</summary>
    public int FoldersCreated { get; init; }

    /// <summary>Bytes of the files this call transferred.</summary>
    public long BytesTransferred { get; init; }

    /// <summary>Symbolic links (and other reparse points) an upload found and left out: links are never followed.</summary>
    public IReadOnlyList<string> LinksNotFollowed { get; init; } = [];

    /// <summary>Whether everything was transferred or already there: nothing failed.</summary>
    public bool Succeeded => Failed.Count == 0;
}

/// <summary>A file (or, with a trailing <c>/</c>, a folder) a directory transfer could not transfer, and why.</summary>
/// <param name="RelativePath">The path relative to the tree's top, with <c>/</c> separators.</param>
/// <param name="Error">What went wrong: an <see cref="UploadApiException"/> with the server's words, or an I/O error.</param>
public sealed record FileTransferFailure(string RelativePath, Exception Error);
