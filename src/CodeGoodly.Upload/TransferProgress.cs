namespace CodeGoodly.Upload;

/// <summary>How far an upload or download has got.</summary>
/// <param name="BytesTransferred">Bytes of the file content sent or received so far.</param>
/// <param name="TotalBytes">The total size, when it is known (a seekable stream, a file, a <c>Content-Length</c>); otherwise <see langword="null"/>.</param>
public readonly record struct TransferProgress(long BytesTransferred, long? TotalBytes)
{
    /// <summary>The fraction done, from 0 to 1, or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? (double)BytesTransferred / TotalBytes.Value : TotalBytes == 0 ? 1d : null;
}
