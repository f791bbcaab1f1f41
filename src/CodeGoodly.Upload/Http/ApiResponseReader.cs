using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// The envelope reader: turns an API answer into its typed envelope, or into an <see cref="UploadApiException"/> that carries
/// the server's words. It is the only place that decides what a body means; no <see cref="JsonException"/> or
/// <see cref="FormatException"/> gets past it.
/// </summary>
internal static class ApiResponseReader
{
    /// <summary>API answers are small JSON documents; anything larger is not one.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    private const int SnippetChars = 200;

    /// <summary>Reads a successful envelope and maps it, or throws the error the answer describes.</summary>
    public static async Task<TResult> ReadAsync<TEnvelope, TResult>(HttpResponseMessage response, string endpoint,
        JsonTypeInfo<TEnvelope> envelopeType, Func<TEnvelope, TResult> map, CancellationToken cancellationToken)
        where TEnvelope : WireEnvelope
    {
        ReadOnlyMemory<byte> body = await ReadBodyAsync(response, endpoint, cancellationToken).ConfigureAwait(false);
        TEnvelope envelope = Parse(response, endpoint, body.Span, envelopeType);
        try
        {
            return map(envelope);
        }
        catch (FormatException shapeError)
        {
            throw Unexpected(response, endpoint, body.Span, $"the answer is missing a field or has a wrong value ({shapeError.Message})", shapeError);
        }
    }

    /// <summary>Returns the envelope's <c>data</c>, or throws <see cref="FormatException"/> when the answer has none.</summary>
    public static T Data<T>(WireEnvelope<T> envelope) => envelope.Data ?? throw new FormatException("Field 'data' is missing.");

    /// <summary>Reads just the envelope's error message, if the body is an API error (used to spot a refused token).</summary>
    public static string? TryReadErrorMessage(ReadOnlySpan<byte> body)
    {
        WireEnvelope? envelope = TryDeserialize(body, WireJsonContext.Default.WireEnvelope, out _);
        return envelope is not null && IsError(envelope) ? MessageOf(envelope) : null;
    }

    private static TEnvelope Parse<TEnvelope>(HttpResponseMessage response, string endpoint, ReadOnlySpan<byte> body, JsonTypeInfo<TEnvelope> envelopeType)
        where TEnvelope : WireEnvelope
    {
        TEnvelope? envelope = TryDeserialize(body, envelopeType, out JsonException? typedError);

        // A body whose data has an odd shape may still be a readable error envelope: read its header alone.
        WireEnvelope? header = envelope ?? TryDeserialize(body, WireJsonContext.Default.WireEnvelope, out _);
        string? message = header is null ? BareString(body) : MessageOf(header);
        int status = (int)response.StatusCode;

        if (!response.IsSuccessStatusCode)
        {
            UploadErrorKind kind = ErrorClassifier.FromHttpStatus(response.StatusCode);
            // A 404 whose body is a bare string or an indexed message is the router's "no endpoint/method": a wrong address, not a missing file.
            if (kind == UploadErrorKind.NotFound && (header is null || header.Response is null))
            {
                kind = UploadErrorKind.UnexpectedResponse;
            }

            string text = BuildMessage(endpoint, kind, status, message, body);
            if (kind == UploadErrorKind.UnexpectedResponse && status == 404 && endpoint == Endpoints.Authorize)
            {
                // The first call of every session: a router that knows no "authorize" means the address, not the server, is wrong.
                text = text.TrimEnd() + (text.EndsWith('.') || text.EndsWith('…') ? string.Empty : ".") + WrongAddressHint(response);
            }

            throw new UploadApiException(kind, endpoint, text, status, message);
        }

        if (header is null)
        {
            throw Unexpected(response, endpoint, body, message is null ? "the answer is not the API's JSON" : "the answer is a bare string", typedError, message);
        }

        if (IsError(header))
        {
            UploadErrorKind kind = ErrorClassifier.FromServerMessage(endpoint, message);
            throw new UploadApiException(kind, endpoint, httpStatus: status, serverMessage: message);
        }

        if (envelope is null)
        {
            throw Unexpected(response, endpoint, body, "the answer's data has an unexpected shape", typedError);
        }

        if (!IsSuccess(envelope))
        {
            throw Unexpected(response, endpoint, body, "the answer has no _status", null);
        }

        return envelope;
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        if (response.Content is BufferedApiContent buffered)
        {
            // Read once already, inside the attempt (AnswerBufferingHandler): use those bytes as they are.
            return buffered.Body.Length > MaxBodyBytes ? throw TooLarge(response, endpoint) : buffered.Body;
        }

        if (response.Content.Headers.ContentLength is > MaxBodyBytes)
        {
            throw new UploadApiException(UploadErrorKind.UnexpectedResponse, endpoint,
                $"{endpoint} failed (UnexpectedResponse, HTTP {(int)response.StatusCode}): the answer is {response.Content.Headers.ContentLength} bytes, too large to be an API answer.",
                (int)response.StatusCode);
        }

        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(capacity: (int)(response.Content.Headers.ContentLength ?? 1024));
            byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024); // pooled: a fresh 16 KiB per call was most of a small call's allocations
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBodyBytes)
                    {
                        throw TooLarge(response, endpoint);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }

    private static UploadApiException TooLarge(HttpResponseMessage response, string endpoint) =>
        new(UploadErrorKind.UnexpectedResponse, endpoint,
            $"{endpoint} failed (UnexpectedResponse, HTTP {(int)response.StatusCode}): the answer is larger than {MaxBodyBytes} bytes, too large to be an API answer.",
            (int)response.StatusCode);

    private static T? TryDeserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, out JsonException? error)
        where T : class
    {
        error = null;
        ReadOnlySpan<byte> json = body.StartsWith("\uFEFF"u8) ? body[3..] : body;
        json = json.TrimStart(" \t\r\n"u8);
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException jsonError)
        {
            error = jsonError;
            return null;
        }
    }

    private static string? BareString(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            // Read the value before looking past it: after the final Read the reader no longer holds the token.
            string? value = reader.GetString();
            return reader.Read() ? null : value;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string WrongAddressHint(HttpResponseMessage response)
    {
        Uri? asked = response.RequestMessage?.RequestUri;
        string where = asked is null ? string.Empty : $" ({asked.GetLeftPart(UriPartial.Path)})";
        return $" The server has no /authorize at this address{where}: check that UploadClientOptions.BaseAddress is the API's root and ends in /api/v2/, "
            + "e.g. https://upload.example.com/api/v2/.";
    }

    private static bool IsError(WireEnvelope envelope) =>
        string.Equals(envelope.Status, "error", StringComparison.OrdinalIgnoreCase)
        || string.Equals(envelope.ErrorStatus, "error", StringComparison.OrdinalIgnoreCase);

    private static bool IsSuccess(WireEnvelope envelope) =>
        string.Equals(envelope.Status, "success", StringComparison.OrdinalIgnoreCase)
        || string.Equals(envelope.ErrorStatus, "success", StringComparison.OrdinalIgnoreCase);

    private static string? MessageOf(WireEnvelope envelope) => envelope.Response ?? envelope.IndexedMessage;

    private static UploadApiException Unexpected(HttpResponseMessage response, string endpoint, ReadOnlySpan<byte> body, string why, Exception? cause, string? serverMessage = null)
    {
        int status = (int)response.StatusCode;
        return new UploadApiException(UploadErrorKind.UnexpectedResponse, endpoint,
            $"{endpoint} failed (UnexpectedResponse, HTTP {status}): {why}. {Describe(response, body)}", status, serverMessage, cause);
    }

    private static string BuildMessage(string endpoint, UploadErrorKind kind, int status, string? serverMessage, ReadOnlySpan<byte> body)
    {
        var text = new StringBuilder().Append(endpoint).Append(" failed (").Append(kind).Append(", HTTP ").Append(status).Append(')');
        return serverMessage is not null
            ? text.Append(": ").Append(Redaction.RedactText(serverMessage)).ToString()
            : text.Append(". ").Append(Describe(null, body)).ToString();
    }

    /// <summary>The first characters of a body, made printable and stripped of secrets, for an exception message.</summary>
    private static string Describe(HttpResponseMessage? response, ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            return "The body was empty.";
        }

        string text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, SnippetChars * 4)]);
        var printable = new StringBuilder(SnippetChars + 1);
        foreach (char c in text)
        {
            if (printable.Length >= SnippetChars)
            {
                printable.Append('…');
                break;
            }

            printable.Append(char.IsControl(c) ? ' ' : c);
        }

        string type = response?.Content.Headers.ContentType?.MediaType is { } media ? $" ({media})" : string.Empty;
        return $"Body{type}: {Redaction.RedactText(printable.ToString())}";
    }
}
