namespace CodeGoodly.Upload;

/// <summary>A one-off download URL, from <c>/file/download</c>. The URL carries a download token: treat it as a secret.</summary>
public sealed record DownloadLink
{
    /// <summary>The file.</summary>
    public required FileId FileId { get; init; }

    /// <summary>The file name.</summary>
    public required string FileName { get; init; }

    /// <summary>The URL to fetch the bytes from with a plain <c>GET</c>.</summary>
    public required Uri DownloadUrl { get; init; }

    /// <summary>Describes the link with its download token redacted.</summary>
    public override string ToString() =>
        $"DownloadLink {{ FileId = {FileId}, FileName = {FileName}, DownloadUrl = {Http.Redaction.RedactUrl(DownloadUrl)} }}";
}
