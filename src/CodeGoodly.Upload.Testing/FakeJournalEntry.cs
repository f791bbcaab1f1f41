namespace CodeGoodly.Upload.Testing;

/// <summary>One request the fake received, as the journal keeps it: never with a secret in it.</summary>
public sealed record FakeJournalEntry
{
    /// <summary>The endpoint, lower case, without <c>/api/v2/</c>: e.g. <c>file/info</c>, <c>authorize</c>; <see cref="FakeUploadServer.DownloadEndpoint"/> for a download GET; the raw path for anything else.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>
    /// The request's fields (query and body), with <c>access_token</c>, <c>key1</c>, <c>key2</c>, <c>password</c> and
    /// <c>download_token</c> replaced by <c>***</c>. A download GET has <c>download_token</c>, <c>range</c> and <c>if-range</c>
    /// (the headers, empty when absent).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>The HTTP status the fake answered with; 0 while the request is still being answered (e.g. held by a delay fault) or when the fake dropped the connection.</summary>
    public int StatusCode { get; init; }

    /// <summary>The API's error message (<c>response</c> of an error envelope), when the answer was an API error.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The injected fault that shaped this answer (e.g. <c>FailNext(503)</c>, <c>DropConnection</c>), or <see langword="null"/>.</summary>
    public string? Fault { get; init; }

    /// <summary>The uploaded file's name as the fake read it (raw UTF-8 from <c>filename="…"</c>), for <c>file/upload</c>.</summary>
    public string? FileName { get; init; }

    /// <summary>The uploaded file's size in bytes, for <c>file/upload</c> (<see langword="null"/> when its body never arrived whole).</summary>
    public long? FileSize { get; init; }

    /// <summary>Whether the request carried <c>Content-Length</c> (false for a chunked body).</summary>
    public bool HadContentLength { get; init; }

    /// <summary>The request's <c>Content-Length</c>, or <see langword="null"/> when it had none (a chunked body, a GET).</summary>
    public long? RequestContentLength { get; init; }

    /// <summary>Whether the request carried a <c>Cookie</c> header. The fake sets a PHP session cookie (<c>filehosting=…</c>) on every answer, as deployed servers do; an API client has no use for it and should not send it back.</summary>
    public bool HadCookie { get; init; }

    /// <summary>When the fake received it, by its clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
