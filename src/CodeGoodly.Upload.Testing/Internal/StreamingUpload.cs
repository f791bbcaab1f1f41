using System.Buffers;
using CodeGoodly.Upload.Testing.Internal.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// Reads a <c>/file/upload</c> multipart body as it arrives (streaming mode): text fields into memory, the <c>upload_file</c>
/// part into an <see cref="UploadSink"/> (a temporary file, or only its MD5), so an upload of any size costs no memory. Like
/// PHP, the API acts only once the whole body is in; a body that breaks off is never stored.
/// </summary>
internal sealed class StreamingUpload(ApiResponder responder, UploadStore store, FakeJournal journal, CancellationToken stopping)
{
    private const int BufferSize = 128 * 1024;

    public async Task HandleAsync(HttpContext context, RequestFacts facts, FaultRule? fault)
    {
        FakeRequest bare = FakeRequestBuilder.FromParts(facts, new Dictionary<string, string>(), null);
        FakeJournalEntry arriving = responder.EntryFor(bare);
        if (fault is { Kind: FaultKind.Status or FaultKind.HtmlPage })
        {
            // A rate limiter or proxy in front turns the upload away before reading it.
            FakeAnswer refusal = ApiResponder.FaultAnswer(fault);
            journal.Add(arriving with { StatusCode = refusal.StatusCode, Fault = refusal.Fault });
            await KestrelAdapter.WriteAsync(context, bare, refusal).ConfigureAwait(false);
            return;
        }

        journal.Add(arriving);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        UploadedPart? upload;
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
        {
            try
            {
                upload = await ReadAsync(context.Request.Body, facts.ContentType, fields, reading.Token).ConfigureAwait(false);
            }
            catch (Exception broken) when (KestrelAdapter.IsClientGone(broken) || context.RequestAborted.IsCancellationRequested)
            {
                // The body broke off: nothing is stored, and nobody waits for an answer.
                journal.Complete(arriving, arriving with { Fields = FakeHttp.Redact(fields) });
                return;
            }
        }

        FakeRequest request = FakeRequestBuilder.FromParts(facts, fields, upload);
        FakeAnswer answer = await responder.RespondAsync(request, fault, arriving).ConfigureAwait(false);
        if (upload is not null && !upload.Content.IsAdopted)
        {
            upload.Content.Discard(); // refused: the temporary file goes at once
        }

        await KestrelAdapter.WriteAsync(context, request, answer).ConfigureAwait(false);
    }

    /// <summary>Reads every part: text fields into <paramref name="fields"/>, the first <c>upload_file</c> file into a sink; returns that file.</summary>
    private async Task<UploadedPart?> ReadAsync(Stream body, string contentType, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (MultipartReader.BoundaryOf(contentType) is not { Length: > 0 } boundary)
        {
            await body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, body, BufferSize) { BodyLengthLimit = null };
        UploadedPart? upload = null;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                (string? name, string? fileName) = section.ContentDisposition is { } disposition ? MultipartReader.ReadDisposition(disposition) : (null, null);
                if (name is not null && fileName is null)
                {
                    using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                    fields[name] = await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (name == "upload_file" && fileName is not null && upload is null)
                {
                    await using UploadSink sink = store.CreateSink();
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    upload = new UploadedPart(name, fileName, section.ContentType, await sink.CompleteAsync().ConfigureAwait(false));
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false); // other files: PHP keeps them, the API never looks
                }
            }
        }
        catch (Exception malformed) when (IsMalformed(malformed) && !cancellationToken.IsCancellationRequested)
        {
            // A malformed body (no closing boundary, oversized part headers): PHP finds no file in it.
            upload?.Content.Discard();
            return null;
        }
        catch
        {
            upload?.Content.Discard();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return upload;
    }

    /// <summary>
    /// Whether the multipart reader gave up on the body itself (a plain <see cref="IOException"/> "Unexpected end of Stream", or
    /// <see cref="InvalidDataException"/>), rather than the connection breaking (Kestrel's own <see cref="IOException"/> subclasses).
    /// </summary>
    private static bool IsMalformed(Exception exception) => exception is InvalidDataException || exception.GetType() == typeof(IOException);
}
