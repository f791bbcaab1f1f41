namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>What the fake sends back for one request.</summary>
internal sealed class FakeAnswer
{
    /// <summary>What the recorded server sends, errors and HTML "Database Error" pages alike: no charset.</summary>
    public const string JsonType = "application/json";

    public int StatusCode { get; set; } = 200;

    public required byte[] Body { get; set; }

    public string ContentType { get; init; } = JsonType;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The API error message, when the answer is an API error (for the journal).</summary>
    public string? ErrorMessage { get; init; }

    public string? Fault { get; set; }

    /// <summary>Whether the site's PHP made this answer (and so set its session cookie), rather than a proxy in front of it.</summary>
    public bool FromSite { get; init; } = true;

    public AnswerMangling Mangling { get; set; }
}
