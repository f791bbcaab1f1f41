namespace CodeGoodly.Upload;

/// <summary>What kind of failure an <see cref="UploadApiException"/> reports, for code that decides what to do next.</summary>
public enum UploadErrorKind
{
    /// <summary>The key pair or username/password was refused, or the account may not use the API.</summary>
    Authentication,

    /// <summary>The file or folder does not exist ("Could not find …", HTTP 404).</summary>
    NotFound,

    /// <summary>The server refused a parameter ("Please provide …", HTTP 400, and other refusals of the request itself).</summary>
    InvalidArgument,

    /// <summary>The server asked the client to slow down (HTTP 429) and the retry budget ran out.</summary>
    RateLimited,

    /// <summary>The account may not do this (HTTP 403, demo mode, upload not allowed by the package).</summary>
    Forbidden,

    /// <summary>The server failed (HTTP 5xx after retries, or a server-side error message).</summary>
    Server,

    /// <summary>The server answered with something that is not the API's JSON: HTML from a proxy, a bare string, truncated or wrongly shaped JSON.</summary>
    UnexpectedResponse,

    /// <summary>The request did not get an answer: connection refused or dropped, DNS, TLS, or a timeout.</summary>
    Network,
}
