namespace CodeGoodly.Upload;

/// <summary>How <see cref="ITransfersClient"/> moves a tree: how many files at once, and what to do with files already there.</summary>
public sealed record DirectoryTransferOptions
{
    /// <summary>The most files transferred at once.</summary>
    /// <remarks>
    /// <c>0</c> (the default) uses the account package's <c>concurrent_uploads</c> / <c>concurrent_downloads</c>, at most 16;
    /// when the package sets no limit (<c>0</c>) or cannot be read, 4. A positive value is used as given. Negative values are refused.
    /// </remarks>
    public int MaxConcurrency { get; init; }

    /// <summary>What to do with a file whose name is already taken at the destination; <see cref="ExistingFilePolicy.SkipSameSize"/> by default.</summary>
    public ExistingFilePolicy ExistingFiles { get; init; } = ExistingFilePolicy.SkipSameSize;
}
