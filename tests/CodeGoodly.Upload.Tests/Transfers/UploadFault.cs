namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>What the upload endpoint does to one request (chosen per attempt by <see cref="StreamingApiServer.UploadFault"/>).</summary>
public enum UploadFault
{
    /// <summary>Reads the body, stores the file, answers with the API's JSON.</summary>
    None,

    /// <summary>Answers 503 at once, without reading the body (a rate limiter in front of the API).</summary>
    RespondBeforeReading503,

    /// <summary>Reads the whole body and stores the file, then drops the connection without answering (a lost response).</summary>
    StoreThenAbort,

    /// <summary>Never reads the body and never answers (a stalled server).</summary>
    NeverRead,

    /// <summary>Reads the first MiB of the body, then drops the connection (the network broke mid-upload; nothing stored).</summary>
    AbortMidBody,

    /// <summary>Answers 429 at once, without reading the body (a rate limiter), with <see cref="StreamingApiServer.UploadRetryAfterSeconds"/>.</summary>
    RespondBeforeReading429,

    /// <summary>Reads the whole body and stores the file, then answers HTTP 500 (a PHP host that failed after storing it).</summary>
    StoreThen500,
}
