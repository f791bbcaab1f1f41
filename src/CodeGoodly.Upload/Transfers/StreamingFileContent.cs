using System.Buffers;
using System.Net;

namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// The file part of an upload: streams exactly <see cref="Length"/> bytes (or, when the length is unknown, the rest) of the
/// caller's stream through one pooled 128 KiB buffer, reports progress, kicks the transfer's idle watchdog on every write,
/// never disposes the stream (the caller owns it), and rewinds it for a repeat send when it can seek.
/// A failure of the caller's own stream (or a stream shorter than announced) is kept in <see cref="LocalFailure"/> so the
/// façade can report it as what it is rather than as a network error.
/// </summary>
internal sealed class StreamingFileContent : HttpContent
{
    private const int BufferSize = 128 * 1024;
    private readonly Stream source;
    private readonly long startPosition;
    private readonly ProgressReporter progress;
    private readonly TransferWatchdog? watchdog;
    private readonly Func<long, Exception?>? checkSize;
    private int sends;
    private int sending;
    private long bytesSent;
    private int completed;

    /// <param name="source">The caller's stream, read from its current position.</param>
    /// <param name="length">How many bytes to send; <see langword="null"/> to send to the end of the stream (no <c>Content-Length</c> then).</param>
    /// <param name="fileName">The file name to send.</param>
    /// <param name="contentType">The part's content type.</param>
    /// <param name="progress">Where to report progress.</param>
    /// <param name="watchdog">Kicked on every write, so the idle timeout counts time without progress.</param>
    /// <param name="checkSize">Asked after every read with the bytes read so far; an exception it returns stops the upload (a package limit on a stream of unknown length).</param>
    public StreamingFileContent(Stream source, long? length, string fileName, string contentType, IProgress<TransferProgress>? progress,
        TransferWatchdog? watchdog = null, Func<long, Exception?>? checkSize = null)
    {
        this.source = source;
        this.watchdog = watchdog;
        this.checkSize = checkSize;
        FileName = fileName;
        Length = length;
        startPosition = source.CanSeek ? source.Position : 0;
        this.progress = new ProgressReporter(progress, length);
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>The file name to send, raw (the multipart writer quotes it).</summary>
    public string FileName { get; }

    /// <summary>The number of bytes to send, when known.</summary>
    public long? Length { get; }

    /// <summary>Whether the content can be sent (again): it has not been sent yet, or its stream can seek back.</summary>
    public bool CanReplay => Volatile.Read(ref sends) == 0 || source.CanSeek;

    /// <summary>The idle watchdog this content kicks, if any.</summary>
    public TransferWatchdog? Watchdog => watchdog;

    /// <summary>Whether the last attempt handed every byte to the network: only then can the server have stored the file.</summary>
    public bool BodyCompleted => Volatile.Read(ref completed) != 0;

    /// <summary>Bytes the last attempt handed to the network.</summary>
    public long BytesSent => Interlocked.Read(ref bytesSent);

    /// <summary>A failure of the caller's stream or of a local check (not of the network), if one stopped the upload.</summary>
    public Exception? LocalFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref sending, 1) != 0)
        {
            throw new InvalidOperationException("The upload content is already being sent.");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            if (Interlocked.Increment(ref sends) > 1)
            {
                if (!source.CanSeek)
                {
                    throw new InvalidOperationException("The upload stream cannot be rewound, so the upload cannot be sent again.");
                }

                source.Position = startPosition;
            }

            Volatile.Write(ref completed, 0);
            Interlocked.Exchange(ref bytesSent, 0);
            watchdog?.Kick();
            long sent = 0;
            while (true)
            {
                int want = Length is long total ? (int)Math.Min(BufferSize, total - sent) : BufferSize;
                if (want == 0)
                {
                    break;
                }

                int read;
                try
                {
                    read = await source.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    LocalFailure = failure; // the caller's stream failed, not the network
                    throw;
                }

                if (read == 0)
                {
                    if (Length is long expected)
                    {
                        throw Local(new IOException($"The upload stream ended after {sent} bytes, but {expected} were announced. The upload was stopped before the server could store it."));
                    }

                    break;
                }

                if (checkSize?.Invoke(sent + read) is { } refused)
                {
                    throw Local(refused);
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                Interlocked.Exchange(ref bytesSent, sent);
                watchdog?.Kick();
                progress.Report(sent);
            }

            Volatile.Write(ref completed, 1);
            progress.Complete(sent);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Volatile.Write(ref sending, 0);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length ?? 0;
        return Length is not null;
    }

    // The caller owns the stream: disposing the request never closes it.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);

    private Exception Local(Exception failure)
    {
        LocalFailure = failure;
        return failure;
    }
}
