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
}
