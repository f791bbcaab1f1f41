namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>An API request as PHP would see it: <c>$_REQUEST</c> (query and body fields) and <c>$_FILES</c>, plus what the journal keeps.</summary>
internal sealed class FakeRequest
{
    /// <summary>The endpoint (<c>file/info</c>), or the raw path of a request outside <c>/api/v2/</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Whether the path is below <c>/api/v2/</c>.</summary>
    public bool IsApi { get; init; } = true;

    public required string Method { get; init; }

    /// <summary>The fields after the server's <c>strip_tags</c> and <c>trim</c>: what the endpoints read.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>The fields as sent: what the journal keeps (masked).</summary>
    public required IReadOnlyDictionary<string, string> RawFields { get; init; }

    public UploadedPart? Upload { get; init; }

    public bool HadContentLength => ContentLength is not null;

    public long? ContentLength { get; init; }

    public bool IsChunked { get; init; }

    /// <summary>Whether the request carried a <c>Cookie</c> header at all.</summary>
    public bool HadCookie { get; init; }

    /// <summary>Whether the request brought the PHP session cookie back (PHP then sets no new one).</summary>
    public bool BroughtSessionCookie { get; init; }

    public string ClientIp { get; init; } = "127.0.0.1";

    /// <summary>The field's value, or <see langword="null"/> when it is missing or, like PHP's <c>empty()</c>, blank or <c>"0"</c>.</summary>
    public string? NonEmpty(string name) =>
        Fields.TryGetValue(name, out string? value) && value.Length > 0 && value != "0" ? value : null;

    public string? Raw(string name) => Fields.TryGetValue(name, out string? value) ? value : null;
}
