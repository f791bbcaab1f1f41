using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// The memory mode's front end: WireMock has read the whole request; this turns it into a <see cref="FakeRequest"/> (multipart
/// parsed from the raw bytes as PHP does), lets <see cref="ApiResponder"/> answer, and hands the answer back to WireMock.
/// </summary>
internal sealed class WireMockAdapter(ApiResponder responder, AsyncLocal<RequestScope?> scope)
{
    public async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var facts = new RequestFacts
        {
            Path = request.AbsolutePath,
            Method = request.Method,
            Query = (request.Query ?? new Dictionary<string, WireMockList<string>>())
                .Select(q => KeyValuePair.Create(q.Key, q.Value.LastOrDefault() ?? string.Empty)).ToArray(),
            ContentType = headers.GetValueOrDefault("Content-Type") ?? string.Empty,
            ContentLength = long.TryParse(headers.GetValueOrDefault("Content-Length"), out long length) ? length : null,
            IsChunked = headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true,
            Cookie = headers.GetValueOrDefault("Cookie"),
            ClientIp = request.ClientIP ?? "127.0.0.1",
        };
        FakeRequest fake = FakeRequestBuilder.FromBody(facts, request.BodyAsBytes ?? []);
        FakeAnswer answer = await responder.RespondAsync(fake, scope.Value?.Fault).ConfigureAwait(false);

        var message = new ResponseMessage
        {
            StatusCode = answer.StatusCode,
            Headers = answer.Headers.ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value)),
            BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = answer.Body },
            FaultType = answer.Mangling switch
            {
                AnswerMangling.Empty => FaultType.EMPTY_RESPONSE,
                AnswerMangling.MalformedChunk => FaultType.MALFORMED_RESPONSE_CHUNK,
                _ => FaultType.NONE,
            },
        };
        message.Headers["Content-Type"] = new WireMockList<string>(answer.ContentType);
        if (answer.FromSite && !fake.BroughtSessionCookie)
        {
            message.Headers["Set-Cookie"] = new WireMockList<string>(FakeHttp.NewSessionCookie());
        }

        return message;
    }
}
