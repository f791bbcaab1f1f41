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
}
