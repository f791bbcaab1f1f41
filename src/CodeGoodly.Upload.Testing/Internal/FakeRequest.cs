namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>An API request as PHP would see it: <c>$_REQUEST</c> (query and body fields) and <c>$_FILES</c>.</summary>
internal sealed class FakeRequest
{
    public required string Endpoint { get; init; }

    public required string Method { get; init; }

    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    public UploadedPart? Upload { get; init; }

    public bool HadContentLength { get; init; }

    public bool IsChunked { get; init; }

    public string ClientIp { get; init; } = "127.0.0.1";

    /// <summary>The field's value, or <see langword="null"/> when it is missing or, like PHP's <c>empty()</c>, blank or <c>"0"</c>.</summary>
    public string? NonEmpty(string name) =>
        Fields.TryGetValue(name, out string? value) && value.Length > 0 && value != "0" ? value : null;

    public string? Raw(string name) => Fields.TryGetValue(name, out string? value) ? value : null;
}
