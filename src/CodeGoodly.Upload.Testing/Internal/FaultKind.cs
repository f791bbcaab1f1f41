namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>What an injected fault does to the request it catches.</summary>
internal enum FaultKind
{
    Status,
    HtmlPage,
    TruncatedJson,
    DropConnection,
    EmptyResponse,
    MalformedResponseChunk,
    Delay,
    ApiError,
    Stall,
    DropConnectionAfter,
    LoseAnswer,
    FailAfterActing,
    Throttle,
    Redirect,
    BeforeNext,
}
