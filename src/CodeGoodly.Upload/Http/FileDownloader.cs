using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Streams a download URL into a stream: <c>ResponseHeadersRead</c>, no buffering, progress, an idle timeout instead of a
/// whole-transfer timeout, and on a dropped connection a resume with <c>Range</c> from the bytes already written
/// (fetching a fresh one-off link when the old one is refused), within a retry budget. The length received is checked
/// against <c>Content-Length</c>.
/// </summary>
internal sealed class FileDownloader(HttpClient http, TimeSpan idleTimeout, int maxResumes)
{
    private const int BufferSize = 128 * 1024;
    private const string Endpoint = "file/download";

    public async Task DownloadAsync(Func<CancellationToken, Task<DownloadLink>> getLink, Stream destination,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        DownloadLink link = await getLink(cancellationToken).ConfigureAwait(false);
        var state = new Transfer(new ProgressReporter(progress, null));
        int resumes = 0;
        bool freshLink = true;
        while (true)
        {
            try
            {
                await CopyAsync(link.DownloadUrl, destination, state, cancellationToken).ConfigureAwait(false);
                if (state.Total is long expected && state.Written != expected)
                {
                    throw new IOException($"The download ended after {state.Written} of {expected} bytes.");
                }

                state.Progress.Complete(state.Written);
                return;
            }
            catch (UploadApiException refused) when (!freshLink && refused.Kind is UploadErrorKind.NotFound or UploadErrorKind.Forbidden or UploadErrorKind.InvalidArgument)
            {
                // The one-off link was used up by the attempt that broke: ask for another and carry on from where we were.
                link = await getLink(cancellationToken).ConfigureAwait(false);
                freshLink = true;
            }
            catch (Exception broken) when (!state.DestinationFailed && IsResumable(broken) && !cancellationToken.IsCancellationRequested)
            {
                if (++resumes > maxResumes)
                {
                    throw new UploadApiException(UploadErrorKind.Network, Endpoint,
                        $"{Endpoint} failed (Network): the connection broke {resumes} times; {state.Written} bytes were received. {Redaction.RedactText(broken.Message)}",
                        innerException: broken);
                }

                freshLink = false;
                await Task.Delay(TimeSpan.FromMilliseconds(100 * resumes), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsResumable(Exception exception) =>
        exception is IOException or HttpRequestException or TimeoutException
        || (exception is UploadApiException { Kind: UploadErrorKind.Server or UploadErrorKind.Network });

    /// <summary>One GET from the bytes already written; learns the full length when the server says it.</summary>
    private async Task CopyAsync(Uri url, Stream destination, Transfer state, CancellationToken cancellationToken)
    {
        long offset = state.Written;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var watchdog = new TransferWatchdog(idleTimeout, cancellationToken);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                UploadErrorKind kind = ErrorClassifier.FromHttpStatus(response.StatusCode);
                throw new UploadApiException(kind, Endpoint, httpStatus: (int)response.StatusCode,
                    message: $"{Endpoint} failed ({kind}, HTTP {(int)response.StatusCode}) fetching {Redaction.RedactUrl(url)}.");
            }

            long skip = 0;

            if (offset > 0 && response.StatusCode != HttpStatusCode.PartialContent)
            {
                skip = offset; // the server ignored Range: read past what we already have
            }
            else if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From is long from && from != offset)
            {
                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint, httpStatus: 206,
                    message: $"{Endpoint} failed (UnexpectedResponse, HTTP 206): asked for the bytes from {offset} but the server sent them from {from}.");
            }

            if (state.Total is null && response.Content.Headers.ContentLength is long length)
            {
                state.Total = response.StatusCode == HttpStatusCode.PartialContent ? offset + length : length;
                state.Progress.TotalBytes = state.Total;
            }

            Stream body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    while (true)
                    {
                        int read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), watchdog.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        watchdog.Kick();
                        int start = 0;
                        if (skip > 0)
                        {
                            start = (int)Math.Min(skip, read);
                            skip -= start;
                        }

                        if (start < read)
                        {
                            try
                            {
                                await destination.WriteAsync(buffer.AsMemory(start, read - start), cancellationToken).ConfigureAwait(false);
                            }
                            catch (Exception failure) when (failure is not OperationCanceledException)
                            {
                                state.DestinationFailed = true; // a full disk is not a broken connection: never resumed
                                throw;
                            }

                            watchdog.Kick(); // a slow destination is not an idle network
                            state.Written += read - start;
                            state.Progress.Report(state.Written);
                            if (state.Written > state.Total)
                            {
                                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint,
                                    message: $"{Endpoint} failed (UnexpectedResponse): the server sent more than the {state.Total} bytes it announced.");
                            }
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.HasFired)
        {
            throw new TimeoutException(watchdog.Describe("The download") + ".");
        }
    }

    /// <summary>What one download has done so far, across its resumed attempts.</summary>
    private sealed class Transfer(ProgressReporter progress)
    {
        public ProgressReporter Progress { get; } = progress;

        public long Written { get; set; }

        public long? Total { get; set; }

        /// <summary>Whether writing to the caller's destination failed (then the error is the caller's, not the network's).</summary>
        public bool DestinationFailed { get; set; }
    }
}
