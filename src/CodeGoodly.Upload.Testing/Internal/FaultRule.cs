namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>A pending fault: catches the next <see cref="Remaining"/> requests to <see cref="Endpoint"/>.</summary>
internal sealed class FaultRule
{
    public required string Endpoint { get; init; }

    public required FaultKind Kind { get; init; }

    public int Remaining { get; set; }

    public int StatusCode { get; init; } = 200;

    public TimeSpan? RetryAfter { get; init; }

    public string? Html { get; init; }

    public TimeSpan Delay { get; init; }

    public string? Message { get; init; }

    public string Describe() => Kind switch
    {
        FaultKind.Status => $"FailNext({StatusCode})",
        FaultKind.HtmlPage => $"HtmlPage({StatusCode})",
        FaultKind.Delay => $"Delay({Delay.TotalMilliseconds:0} ms)",
        FaultKind.ApiError => "ApiError",
        _ => Kind.ToString(),
    };

    public bool Matches(string endpoint) =>
        Endpoint == FakeFaults.AnyEndpoint || string.Equals(Endpoint, endpoint, StringComparison.OrdinalIgnoreCase);
}
