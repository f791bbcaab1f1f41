using System.Buffers;
using System.Net;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// The file part of an upload: streams the caller's stream without buffering it, reports progress, never disposes the
/// stream (the caller owns it), rewinds it for a repeat send when it can, and fails a send that stalls for longer than
/// the idle timeout instead of hanging.
/// </summary>
internal sealed class UploadFileContent : HttpContent
{
    private const int BufferSize = 128 * 1024;
    private readonly Stream source;
    private readonly long startPosition;
    private readonly ProgressReporter progress;
    private readonly TimeSpan idleTimeout;
    private int sends;

    public UploadFileContent(Stream source, string fileName, string contentType, IProgress<TransferProgress>? progress, TimeSpan idleTimeout)
    {
        this.source = source;
        FileName = fileName;
        this.idleTimeout = idleTimeout;
        if (source.CanSeek)
        {
            startPosition = source.Position;
            Length = Math.Max(0, source.Length - startPosition);
        }

        this.progress = new ProgressReporter(progress, Length);
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>The file name to send, raw (the multipart writer quotes it).</summary>
    public string FileName { get; }

    /// <summary>The number of bytes to send, when the stream says.</summary>
    public long? Length { get; }

    /// <summary>Whether the content can be sent (again): it has not been sent yet, or its stream can seek back.</summary>
    public bool CanReplay => Volatile.Read(ref sends) == 0 || source.CanSeek;

    /// <summary>Whether any byte of the content has been handed to the network.</summary>
    public bool HasStarted => Volatile.Read(ref sends) > 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref sends) > 1)
        {
            if (!source.CanSeek)
            {
                throw new InvalidOperationException("The upload stream cannot be rewound, so the upload cannot be sent again.");
            }

            source.Position = startPosition;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            long sent = 0;
            while (true)
            {
                idle.CancelAfter(idleTimeout);
                int read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), idle.Token).ConfigureAwait(false);
                sent += read;
                progress.Report(sent);
            }

            if (Length is long expected && sent != expected)
            {
                throw new IOException($"The upload stream ended after {sent} bytes but it announced {expected}.");
            }

            progress.Complete(sent);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The upload made no progress for {idleTimeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length ?? 0;
        return Length is not null;
    }

    // The caller owns the stream: disposing the request never closes it.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
