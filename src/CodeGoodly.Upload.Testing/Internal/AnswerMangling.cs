namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>What a fault does to an answer on its way out, after the fake made it.</summary>
internal enum AnswerMangling
{
    /// <summary>Sent as made.</summary>
    None,

    /// <summary>HTTP 200 with an empty body (WireMock's <c>EMPTY_RESPONSE</c>).</summary>
    Empty,

    /// <summary>The first half of the body followed by random bytes (WireMock's <c>MALFORMED_RESPONSE_CHUNK</c>).</summary>
    MalformedChunk,

    /// <summary>Never sent: the connection is aborted instead.</summary>
    Lost,
}
