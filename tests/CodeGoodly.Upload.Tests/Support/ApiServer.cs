using System.Net;
using System.Net.Sockets;
using System.Text;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Tests.Support;

/// <summary>A WireMock.Net server on loopback that plays the API, with helpers to read back what reached it.</summary>
public sealed class ApiServer : IDisposable
{
    public const string Key1 = "k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1";
    public const string Key2 = "k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2";
    public const string Token = "tokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public const string AccountId = "158642";
    public const string FormContentType = "application/x-www-form-urlencoded";

    public ApiServer()
    {
        Server = WireMockServer.Start();
    }

    public WireMockServer Server { get; }

    public Uri BaseAddress => new(Server.Urls[0] + "/api/v2/");

    public UploadClientOptions Options(Action<UploadClientOptions>? configure = null)
    {
        var options = new UploadClientOptions
        {
            BaseAddress = BaseAddress,
            Key1 = Key1,
            Key2 = Key2,
            AllowInsecureHttp = true,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public UploadClient CreateClient(Action<UploadClientOptions>? configure = null) => new(Options(configure));

    /// <summary>Answers /authorize with a token (the given one, or the default).</summary>
    public ApiServer GivenAuthorize(string token = Token, string accountId = AccountId)
    {
        Server.Given(Request.Create().WithPath("/api/v2/authorize").UsingPost())
            .RespondWith(Json($$"""{"data":{"access_token":"{{token}}","account_id":"{{accountId}}"},"_status":"success","_datetime":"2024-11-28 22:52:06"}"""));
        return this;
    }

    /// <summary>Answers an endpoint (path without the /api/v2/ prefix) with a JSON body.</summary>
    public ApiServer Given(string endpoint, string json, int status = 200)
    {
        Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost())
            .RespondWith(Json(json, status));
        return this;
    }

    /// <summary>Answers an endpoint with a raw body of any content type (HTML error pages, truncated JSON, nothing at all).</summary>
    public ApiServer GivenRaw(string endpoint, string body, int status, string contentType = "text/html; charset=utf-8")
    {
        Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body, encoding: Encoding.UTF8));
        return this;
    }

    /// <summary>Answers the first request to an endpoint with <paramref name="first"/> and every later one with <paramref name="then"/>.</summary>
    public ApiServer GivenFirstThen(string endpoint, IResponseBuilder first, IResponseBuilder then)
    {
        string scenario = endpoint + "#" + Guid.NewGuid().ToString("N");
        Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost())
            .InScenario(scenario).WillSetStateTo("answered").RespondWith(first);
        Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost())
            .InScenario(scenario).WhenStateIs("answered").RespondWith(then);
        return this;
    }

    /// <summary>Answers an endpoint from code, for servers with state (token validation, counters). The callback may run concurrently.</summary>
    public ApiServer GivenCallback(string endpoint, Func<IRequestMessage, IResponseMessage> answer)
    {
        Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost())
            .RespondWith(Response.Create().WithCallback(answer));
        return this;
    }

    public static IResponseBuilder Json(string json, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(json, encoding: Encoding.UTF8);

    /// <summary>A JSON answer built inside a <see cref="GivenCallback"/> callback.</summary>
    public static IResponseMessage JsonMessage(string json, int status = 200)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", "application/json; charset=utf-8");
        return message;
    }

    /// <summary>The envelope of an /authorize success carrying <paramref name="token"/>.</summary>
    public static string AuthorizeJson(string token, string accountId = AccountId) =>
        $$"""{"data":{"access_token":"{{token}}","account_id":"{{accountId}}"},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";

    /// <summary>The requests that reached an endpoint, in order.</summary>
    public IReadOnlyList<ILogEntry> RequestsTo(string endpoint) =>
        Server.LogEntries.Where(e => e.RequestMessage.AbsolutePath == "/api/v2/" + endpoint).OrderBy(e => e.RequestMessage.DateTime).ToList();

    /// <summary>The form fields of a form-url-encoded request as the server received them (a repeated field fails the test).</summary>
    public static IReadOnlyDictionary<string, string> FormOf(ILogEntry entry) => FormOf(entry.RequestMessage);

    /// <summary>The form fields of a form-url-encoded request as the server received them (a repeated field fails the test).</summary>
    public static IReadOnlyDictionary<string, string> FormOf(IRequestMessage request) =>
        request.Body is null or "" ? new Dictionary<string, string>()
            : request.Body.Split('&').Select(p => p.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : string.Empty);

    /// <summary>The value of a request header as the server received it, or null.</summary>
    public static string? HeaderOf(ILogEntry entry, string name) => HeaderOf(entry.RequestMessage, name);

    /// <summary>The value of a request header as the server received it, or null.</summary>
    public static string? HeaderOf(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>The session's access token as the server received it, in a form or a multipart body.</summary>
    public static string? AccessTokenOf(IRequestMessage request) =>
        HeaderOf(request, "Content-Type")?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            ? MultipartOf(request).FirstOrDefault(p => p.Name == "access_token")?.Text
            : FormOf(request).GetValueOrDefault("access_token");

    /// <summary>The media type of a request's Content-Type header (without parameters).</summary>
    public static string? MediaTypeOf(ILogEntry entry) => HeaderOf(entry, "Content-Type")?.Split(';')[0].Trim();

    /// <summary>Splits a multipart/form-data request the server received into its parts, byte for byte.</summary>
    public static IReadOnlyList<MultipartPart> MultipartOf(ILogEntry entry) => MultipartOf(entry.RequestMessage);

    /// <summary>Splits a multipart/form-data request the server received into its parts, byte for byte.</summary>
    public static IReadOnlyList<MultipartPart> MultipartOf(IRequestMessage request)
    {
        string contentType = HeaderOf(request, "Content-Type") ?? throw new InvalidOperationException("The request has no Content-Type.");
        string boundary = contentType.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("boundary=", StringComparison.Ordinal))["boundary=".Length..].Trim('"');
        byte[] body = request.BodyAsBytes ?? Encoding.UTF8.GetBytes(request.Body ?? string.Empty);
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<MultipartPart>();
        int start = IndexOf(body, delimiter, 0);
        while (start >= 0)
        {
            int afterDelimiter = start + delimiter.Length;
            if (afterDelimiter + 1 < body.Length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-')
            {
                break; // closing delimiter
            }

            int headersStart = afterDelimiter + 2; // CRLF
            int headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), headersStart);
            int next = IndexOf(body, delimiter, headersEnd);
            string headers = Encoding.UTF8.GetString(body, headersStart, headersEnd - headersStart);
            int contentStart = headersEnd + 4;
            byte[] content = body[contentStart..(next - 2)]; // minus the CRLF before the delimiter
            parts.Add(new MultipartPart(headers, content));
            start = next;
        }

        return parts;
    }

    /// <summary>The paths of every request that reached the server, in order.</summary>
    public IReadOnlyList<string> Paths() =>
        Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage.AbsolutePath).ToList();

    /// <summary>
    /// Asserts that exactly one request reached <paramref name="endpoint"/>: a POST with a form-url-encoded body holding
    /// exactly <paramref name="expectedFields"/> (names and values, nothing more, nothing repeated). Returns it.
    /// </summary>
    public ILogEntry AssertFormPost(string endpoint, IReadOnlyDictionary<string, string> expectedFields)
    {
        ILogEntry entry = Assert.Single(RequestsTo(endpoint));
        Assert.Equal("POST", entry.RequestMessage.Method);
        Assert.Equal(FormContentType, MediaTypeOf(entry));
        Assert.Equal(expectedFields.OrderBy(f => f.Key, StringComparer.Ordinal), FormOf(entry).OrderBy(f => f.Key, StringComparer.Ordinal));
        return entry;
    }

    /// <summary>The given fields plus the session fields the SDK must add: <c>access_token</c> and <c>account_id</c> of the default token.</summary>
    public static Dictionary<string, string> WithSession(params (string Name, string Value)[] fields)
    {
        var all = fields.ToDictionary(f => f.Name, f => f.Value);
        all.TryAdd("access_token", Token);
        all.TryAdd("account_id", AccountId);
        return all;
    }

    /// <summary>A loopback port on which nothing listens: connecting to it is refused.</summary>
    public static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose() => Server.Stop();

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        int found = haystack.AsSpan(from).IndexOf(needle);
        return found < 0 ? -1 : from + found;
    }
}
