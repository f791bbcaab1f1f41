using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// The streaming mode's front end: answers API requests straight from Kestrel's <see cref="HttpContext"/>, without WireMock.
/// Uploads are handed to <see cref="StreamingUpload"/> as they arrive; other requests are small and read whole.
/// </summary>
internal sealed class KestrelAdapter(ApiResponder responder, StreamingUpload uploads)
{
    /// <summary>What the fake needs to know about a request before reading its body.</summary>
    public static RequestFacts FactsOf(HttpContext context)
    {
        HttpRequest request = context.Request;
        return new RequestFacts
        {
            Path = request.Path.Value ?? "/",
            Method = request.Method,
            Query = request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.LastOrDefault() ?? string.Empty)).ToArray(),
            ContentType = request.ContentType ?? string.Empty,
            ContentLength = request.ContentLength,
            IsChunked = request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase),
            Cookie = request.Headers.Cookie.Count > 0 ? request.Headers.Cookie.ToString() : null,
            ClientIp = FakeHttp.ClientIpOf(context.Connection.RemoteIpAddress),
        };
    }

    /// <summary>Answers one request (an API call, or any other path with a 404), with the fault the front door took for it.</summary>
    public async Task AnswerAsync(HttpContext context, FaultRule? fault)
    {
        RequestFacts facts = FactsOf(context);
        if (facts.IsApi && facts.Endpoint == Endpoints.FileUpload && facts.ContentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await uploads.HandleAsync(context, facts, fault).ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (Exception gone) when (IsClientGone(gone))
        {
            return; // the client went away before its request arrived: PHP would never have run
        }

        FakeRequest request = FakeRequestBuilder.FromBody(facts, body);
        FakeAnswer answer = await responder.RespondAsync(request, fault).ConfigureAwait(false);
        await WriteAsync(context, request, answer).ConfigureAwait(false);
    }

    /// <summary>Sends an answer: status, headers, the PHP session cookie, the body (or what a fault made of it).</summary>
    public static async Task WriteAsync(HttpContext context, FakeRequest request, FakeAnswer answer)
    {
        if (answer.Mangling == AnswerMangling.Lost)
        {
            context.Abort();
            return;
        }

        HttpResponse response = context.Response;
        response.StatusCode = answer.StatusCode;
        foreach (var header in answer.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        response.ContentType = answer.ContentType;
        if (answer.FromSite && !request.BroughtSessionCookie)
        {
            response.Headers.SetCookie = FakeHttp.NewSessionCookie();
        }

        byte[] body = answer.Mangling == AnswerMangling.MalformedChunk
            ? [.. answer.Body.AsSpan(0, answer.Body.Length / 2), .. RandomNumberGenerator.GetBytes(100 + RandomNumberGenerator.GetInt32(101))]
            : answer.Body;
        response.ContentLength = body.Length;
        try
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception gone) when (IsClientGone(gone))
        {
            // Nobody is listening any more.
        }
    }

    /// <summary>Whether an exception from reading or writing a body means the client went away (or sent a broken body).</summary>
    public static bool IsClientGone(Exception exception) =>
        exception is IOException or OperationCanceledException or BadHttpRequestException;
}
