namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>A pending fault: catches the next <see cref="Remaining"/> requests to <see cref="Endpoint"/>.</summary>
internal sealed class FaultRule
{
    public string Endpoint { get; set; } = string.Empty;

    public required FaultKind Kind { get; init; }

    public int Remaining { get; set; }

    public int StatusCode { get; init; } = 200;

    public TimeSpan? RetryAfter { get; init; }

    public string? Html { get; init; }

    public TimeSpan Delay { get; init; }

    public string? Message { get; init; }

    /// <summary>For <see cref="FaultKind.DropConnectionAfter"/>: the body bytes that pass before the connection is cut.</summary>
    public long Bytes { get; init; }

    /// <summary>For <see cref="FaultKind.Throttle"/>: the pace of the body.</summary>
    public int BytesPerSecond { get; init; }

    /// <summary>For <see cref="FaultKind.Redirect"/>: the <c>Location</c>, or <see langword="null"/> for the requested URL itself.</summary>
    public string? Location { get; init; }

    /// <summary>For <see cref="FaultKind.BeforeNext"/>: what runs when the request arrives.</summary>
    public Action? Action { get; init; }

    public string Describe() => Kind switch
    {
        FaultKind.Status => $"FailNext({StatusCode})",
        FaultKind.HtmlPage => $"HtmlPage({StatusCode})",
        FaultKind.Delay => $"Delay({Delay.TotalMilliseconds:0} ms)",
        FaultKind.ApiError => "ApiError",
        FaultKind.DropConnectionAfter => $"DropConnectionAfter({Bytes} bytes)",
        FaultKind.FailAfterActing => $"FailAfterActing({StatusCode})",
        FaultKind.Throttle => $"Throttle({BytesPerSecond} B/s)",
        FaultKind.Redirect => $"Redirect({StatusCode})",
        _ => Kind.ToString(),
    };

    public bool Matches(string endpoint) =>
        Endpoint == FakeFaults.AnyEndpoint || string.Equals(Endpoint, endpoint, StringComparison.OrdinalIgnoreCase);
}
