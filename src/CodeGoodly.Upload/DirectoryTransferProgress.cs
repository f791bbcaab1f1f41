namespace CodeGoodly.Upload;

/// <summary>How far a directory transfer has got, over all its files. Skipped and failed files count as done.</summary>
/// <param name="FilesDone">Files finished: transferred, skipped or failed.</param>
/// <param name="FilesTotal">Files in the transfer.</param>
/// <param name="BytesDone">Bytes of the files done plus the bytes moved so far of the files in flight.</param>
/// <param name="BytesTotal">The size of all the files in the transfer (a download counts a file whose size the listing does not give as 0).</param>
public readonly record struct DirectoryTransferProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal)
{
    /// <summary>Files being transferred right now.</summary>
    public int FilesInFlight { get; init; }

    /// <summary>Files that failed so far (counted in <see cref="FilesDone"/> too).</summary>
    public int FilesFailed { get; init; }

    /// <summary>The fraction of bytes done, from 0 to 1 (1 for a transfer of no bytes).</summary>
    public double Fraction => BytesTotal > 0 ? (double)BytesDone / BytesTotal : 1d;
}
