namespace CodeGoodly.Upload.Testing;

/// <summary>Settings for <see cref="FakeUploadServer.Start(FakeUploadServerOptions)"/>.</summary>
public sealed class FakeUploadServerOptions
{
    /// <summary>The clock the fake reads: token idle expiry, dates in answers. Default <see cref="TimeProvider.System"/>; pass your own to move time in a test.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a token may go unused before the fake drops it, like deployed servers do after an hour. Default 1 hour.</summary>
    public TimeSpan TokenIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Answers uploads sent with <c>Transfer-Encoding: chunked</c> (no <c>Content-Length</c>) with <c>Did not receive uploaded file.</c>, like PHP behind some FastCGI setups. Default off; can also be changed later on <see cref="FakeUploadServer.RefuseChunkedUploads"/>.</summary>
    public bool RefuseChunkedUploads { get; set; }

    /// <summary>
    /// Sends database columns as JSON numbers, as PHP 8.1 and later do (recorded from a PHP 8.2 server): ids, sizes, flags,
    /// <c>level_id</c>, the package limits and <c>account_id</c> in <c>/authorize</c> (<c>"id":1253</c>, <c>"fileSize":300000</c>).
    /// Default off: strings, as the vendor's samples and PHP before 8.1 send them (<c>"id":"1253"</c>). Either way computed values
    /// (counts, the upload's <c>size</c>) are numbers and <c>/file/download</c> echoes <c>file_id</c> as the string it was sent.
    /// Can also be changed later on <see cref="FakeUploadServer.DatabaseValuesAsNumbers"/>.
    /// </summary>
    public bool DatabaseValuesAsNumbers { get; set; }

    /// <summary>
    /// Answers <c>/file/upload</c> with <c>"hash": false</c>, as the recorded deployed server did, except for bytes the site
    /// already stores, whose MD5 it sends. Default off: the MD5 of the uploaded bytes, as the vendor's sample shows.
    /// Can also be changed later on <see cref="FakeUploadServer.UploadHashAsFalse"/>.
    /// </summary>
    public bool UploadHashAsFalse { get; set; }

    /// <summary>
    /// How uploads are read and kept. <see cref="FakeUploadStorage.Memory"/> (the default) lets WireMock buffer each request: keep
    /// uploads to a few MiB. <see cref="FakeUploadStorage.Disk"/> and <see cref="FakeUploadStorage.HashOnly"/> are the streaming
    /// mode: the fake parses each upload as it arrives and stores it on disk, or keeps only its MD5 and length, so transfers of
    /// any size cost no memory. Everything else (state, journal, faults) works the same in every mode.
    /// </summary>
    public FakeUploadStorage UploadStorage { get; set; }

    /// <summary>Where <see cref="FakeUploadStorage.Disk"/> makes its temporary upload directory (deleted on dispose). Default: the system's temporary folder.</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>
    /// Serves <c>https://127.0.0.1:port/</c> with a fresh self-signed certificate for 127.0.0.1 instead of plain http. Clients must
    /// trust it: <see cref="FakeUploadServer.CreateClient(Action{UploadClientOptions})"/> does, and
    /// <see cref="FakeUploadServer.CreateHttpHandler"/> gives a handler that trusts this certificate and no other.
    /// </summary>
    public bool UseHttps { get; set; }

    /// <summary>
    /// The fake's socket receive buffer and Kestrel's request buffer, in bytes; 0 (the default) keeps the system's. Set it small
    /// (e.g. 64 KiB) with <see cref="FakeFaults.Throttle"/> so that a client's upload progress follows what the fake really read
    /// rather than what the kernel buffered.
    /// </summary>
    public int ReceiveBufferSize { get; set; }

    /// <summary>
    /// Download links answer every GET with the whole file (200), ignoring <c>Range</c>, as PHP scripts that stream with
    /// <c>readfile()</c> do. Default off (ranges are honoured with 206). Can also be changed later on <see cref="FakeUploadServer.IgnoreRange"/>.
    /// </summary>
    public bool IgnoreRange { get; set; }

    /// <summary>
    /// Download links send an <c>ETag</c> (one per version of the file's content) and <c>Last-Modified</c>. Default off, like a
    /// plain PHP download script; <c>If-Range</c> is honoured either way. Can also be changed later on <see cref="FakeUploadServer.SendDownloadValidators"/>.
    /// </summary>
    public bool SendDownloadValidators { get; set; }

    /// <summary>
    /// A new <c>/authorize</c> deletes the account's earlier tokens, as deployed servers do (two clients sharing an account log
    /// each other out). Default on; off lets several clients or processes share one account. Can also be changed later on
    /// <see cref="FakeUploadServer.OneTokenPerAccount"/>.
    /// </summary>
    public bool OneTokenPerAccount { get; set; } = true;
}
