namespace CodeGoodly.Upload;

/// <summary>What a directory transfer does with a file whose name is already taken at the destination.</summary>
public enum ExistingFilePolicy
{
    /// <summary>
    /// A file with the same name and size is skipped (so running a transfer again moves only what is missing); one with
    /// the same name and another size is replaced: the new one is transferred first, then the old one deleted.
    /// </summary>
    SkipSameSize = 0,

    /// <summary>Every file is transferred again and replaces the one of the same name (the new one first, then the old one deleted).</summary>
    Replace = 1,

    /// <summary>Both are kept: the new file is stored beside the old one as <c>name (2).ext</c> (or the next free number).</summary>
    KeepBoth = 2,
}
