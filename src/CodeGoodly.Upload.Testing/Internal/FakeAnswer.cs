namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>What the fake sends back for one request.</summary>
internal sealed class FakeAnswer
{
    public const string JsonType = "application/json; charset=utf-8";

    public int StatusCode { get; set; } = 200;

    public required byte[] Body { get; set; }

    public string ContentType { get; init; } = JsonType;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The API error message, when the answer is an API error (for the journal).</summary>
    public string? ErrorMessage { get; init; }

    public string? Fault { get; set; }

    public WireMock.ResponseBuilders.FaultType WireMockFault { get; set; }
}
