namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>What either front end (WireMock or the fake's own Kestrel middleware) tells about a request, before its body is read.</summary>
internal sealed record RequestFacts
{
    public required string Path { get; init; }

    public required string Method { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    public string ContentType { get; init; } = string.Empty;

    public long? ContentLength { get; init; }

    public bool IsChunked { get; init; }

    /// <summary>The <c>Cookie</c> header, or <see langword="null"/>.</summary>
    public string? Cookie { get; init; }

    public string ClientIp { get; init; } = "127.0.0.1";

    public bool IsApi => FakeHttp.IsApiPath(Path);

    public string Endpoint => FakeHttp.EndpointOf(Path);
}
