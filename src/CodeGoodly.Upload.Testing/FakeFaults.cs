using CodeGoodly.Upload.Testing.Internal;

namespace CodeGoodly.Upload.Testing;

/// <summary>
/// Fault injection for resilience tests: each method arms a fault for the next <c>count</c> requests to one endpoint
/// (<c>file/info</c>, <c>authorize</c>, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>) and returns
/// this object, so faults chain. Faults are used up in the order they were armed, one per request. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// server.Faults.FailNext("file/info", count: 2, statusCode: 503, retryAfter: TimeSpan.FromSeconds(1))
///              .TruncatedJson("folder/listing");
/// </code>
/// </example>
public sealed class FakeFaults
{
    /// <summary>Matches a request to any endpoint.</summary>
    public const string AnyEndpoint = "*";

    private readonly object gate = new();
    private readonly List<FaultRule> rules = [];
    private readonly Action expireTokens;

    internal FakeFaults(Action expireTokens) => this.expireTokens = expireTokens;

    /// <summary>The number of faulty answers still armed.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Drops every access token now, as if each had been idle for over an hour: the next call of every client is refused with <c>Could not validate access_token…</c>.</summary>
    public FakeFaults ExpireTokensNow()
    {
        expireTokens();
        return this;
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests to <paramref name="endpoint"/> with <paramref name="statusCode"/> and a short
    /// plain-text body, like a rate limiter or proxy in front of the API; the API does not act on them.
    /// </summary>
    /// <param name="endpoint">The endpoint, e.g. <c>file/info</c>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests to fail.</param>
    /// <param name="statusCode">The HTTP status, e.g. 429, 500, 502, 503.</param>
    /// <param name="retryAfter">When set, sent as <c>Retry-After</c> in whole seconds.</param>
    public FakeFaults FailNext(string endpoint, int count = 1, int statusCode = 503, TimeSpan? retryAfter = null)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status is between 100 and 599.");
        }

        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.Status, StatusCode = statusCode, RetryAfter = retryAfter });
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests with an HTML page instead of JSON (a captive portal, a maintenance page, a
    /// proxy's error page); the API does not act on them.
    /// </summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="statusCode">The HTTP status; default 200 (an HTML page where JSON was expected).</param>
    /// <param name="html">The page; a short default one when <see langword="null"/>.</param>
    /// <param name="retryAfter">When set, sent as <c>Retry-After</c> in whole seconds.</param>
    public FakeFaults HtmlPage(string endpoint, int count = 1, int statusCode = 200, string? html = null, TimeSpan? retryAfter = null) =>
        Arm(endpoint, count, new FaultRule
        {
            Kind = FaultKind.HtmlPage,
            StatusCode = statusCode,
            RetryAfter = retryAfter,
            Html = html ?? "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>",
        });

    /// <summary>Lets the API act on the next <paramref name="count"/> requests, then cuts their JSON answer in half (HTTP 200).</summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults TruncatedJson(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.TruncatedJson });

    /// <summary>Aborts the connection of the next <paramref name="count"/> requests before any answer (a TCP reset); the API does not act on them.</summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults DropConnection(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.DropConnection });

    /// <summary>Answers the next <paramref name="count"/> requests with HTTP 200 and an empty body (WireMock's <c>EMPTY_RESPONSE</c> fault); the API does not act on them.</summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults EmptyResponse(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.EmptyResponse });

    /// <summary>Lets the API act on the next <paramref name="count"/> requests, then sends half of the answer followed by random bytes (WireMock's <c>MALFORMED_RESPONSE_CHUNK</c> fault).</summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults MalformedResponseChunk(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.MalformedResponseChunk });

    /// <summary>Holds the next <paramref name="count"/> requests for <paramref name="delay"/> (real time), then answers them normally.</summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="delay">How long to wait before answering.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults Delay(string endpoint, TimeSpan delay, int count = 1)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.Delay, Delay = delay });
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests with an API error in the deployed servers' shape (HTTP 200,
    /// <c>{"status":"error","response":message}</c>) without acting on them: for messages the fake never produces by itself,
    /// such as <c>This API feature is not available in demo mode.</c> or <c>Error on: &lt;url&gt;. &lt;message&gt;</c>.
    /// </summary>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="message">The <c>response</c> text, sent verbatim.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults ApiError(string endpoint, string message, int count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.ApiError, Message = message });
    }

    /// <summary>
    /// Holds the next <paramref name="count"/> requests without reading their body or answering (a stalled server, a dead
    /// upstream) until the client gives up or the fake is disposed; then drops the connection. The API does not act.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults Stall(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.Stall });

    /// <summary>
    /// Lets <paramref name="bytes"/> body bytes pass, then aborts the connection: the network broke mid-transfer. On a download
    /// (<see cref="FakeUploadServer.DownloadEndpoint"/>) those are bytes of the file sent to the client, after the headers; on an
    /// API call (an upload) bytes of the request body read from the client, and the API does not act.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="bytes">How many body bytes pass before the cut (0 or more).</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults DropConnectionAfter(string endpoint, long bytes, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.DropConnectionAfter, Bytes = bytes });
    }

    /// <summary>
    /// Lets the API act on the next <paramref name="count"/> requests (the whole upload is read and stored, the folder is created),
    /// then aborts the connection instead of answering: the answer is lost, so the client cannot know the write happened.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults LoseAnswer(string endpoint, int count = 1) =>
        Arm(endpoint, count, new FaultRule { Kind = FaultKind.LoseAnswer });

    /// <summary>
    /// Lets the API act on the next <paramref name="count"/> requests, then answers <paramref name="statusCode"/> with a short
    /// HTML page instead of its answer, like a PHP host that failed after storing the upload.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="statusCode">The HTTP status, default 500.</param>
    public FakeFaults FailAfterActing(string endpoint, int count = 1, int statusCode = 500)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status is between 100 and 599.");
        }

        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.FailAfterActing, StatusCode = statusCode });
    }

    /// <summary>
    /// Paces the body of the next <paramref name="count"/> requests at about <paramref name="bytesPerSecond"/> (a slow but moving
    /// network): the request body is read (an upload), or the file is sent (a download), in small slices with pauses between.
    /// The request is then answered normally. With the system's large socket buffers a client's progress runs ahead of what the
    /// fake read: set <see cref="FakeUploadServerOptions.ReceiveBufferSize"/> small to see the pace on the client.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="bytesPerSecond">The pace, at least 1 KiB/s.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults Throttle(string endpoint, int bytesPerSecond, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1024);
        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.Throttle, BytesPerSecond = bytesPerSecond });
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests with a redirect to <paramref name="location"/> (a CDN, a moved site, a
    /// proxy sending plain http elsewhere); the API does not act. Without a location the redirect points at the requested URL
    /// itself, so a client that follows it is served normally (unless more redirects are armed).
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="location">The <c>Location</c>, absolute or relative; <see langword="null"/> for the requested URL.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="statusCode">301, 302 (the default), 303, 307 or 308.</param>
    public FakeFaults Redirect(string endpoint, string? location = null, int count = 1, int statusCode = 302)
    {
        if (statusCode is not (301 or 302 or 303 or 307 or 308))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect is 301, 302, 303, 307 or 308.");
        }

        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.Redirect, StatusCode = statusCode, Location = location });
    }

    /// <summary>
    /// Runs <paramref name="action"/> when each of the next <paramref name="count"/> requests arrives, before the fake answers it
    /// normally: to change the fake's state between two attempts of a client, e.g. replace a file between two download GETs
    /// (<see cref="FakeUploadServer.ReplaceFileContent(FileId, byte[])"/>) or expire the tokens just as an upload arrives. An
    /// exception from the action fails the request with HTTP 500.
    /// </summary>
    /// <param name="endpoint">The endpoint, <see cref="FakeUploadServer.DownloadEndpoint"/>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="action">What to run.</param>
    /// <param name="count">How many requests.</param>
    public FakeFaults BeforeNext(string endpoint, Action action, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Arm(endpoint, count, new FaultRule { Kind = FaultKind.BeforeNext, Action = action });
    }

    /// <summary>Disarms every pending fault.</summary>
    public FakeFaults Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }

        return this;
    }

    /// <summary>Takes the first armed fault for <paramref name="endpoint"/>, using one of its requests; <see langword="null"/> when none.</summary>
    internal FaultRule? Take(string endpoint)
    {
        lock (gate)
        {
            FaultRule? rule = rules.FirstOrDefault(r => r.Remaining > 0 && r.Matches(endpoint));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            if (rule.Remaining == 0)
            {
                rules.Remove(rule);
            }

            return rule;
        }
    }

    private FakeFaults Arm(string endpoint, int count, FaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        rule.Endpoint = Normalize(endpoint);
        rule.Remaining = count;
        lock (gate)
        {
            rules.Add(rule);
        }

        return this;
    }

    private static string Normalize(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        return endpoint.Trim().Trim('/').ToLowerInvariant();
    }
}
