using System.Net;
using System.Text;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CodeGoodly.Upload.Tests.Support;

/// <summary>A WireMock.Net server on loopback that plays the API, with helpers to read back what reached it.</summary>
public sealed class ApiServer : IDisposable
{
    public const string Key1 = "k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1";
    public const string Key2 = "k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2";
    public const string Token = "tokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public const string AccountId = "158642";

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

    public static IResponseBuilder Json(string json, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(json, encoding: Encoding.UTF8);

    /// <summary>The requests that reached an endpoint, in order.</summary>
    public IReadOnlyList<ILogEntry> RequestsTo(string endpoint) =>
        Server.LogEntries.Where(e => e.RequestMessage.AbsolutePath == "/api/v2/" + endpoint).OrderBy(e => e.RequestMessage.DateTime).ToList();

    /// <summary>The form fields of a form-url-encoded request as the server received them.</summary>
    public static IReadOnlyDictionary<string, string> FormOf(ILogEntry entry) =>
        entry.RequestMessage.Body is null or "" ? new Dictionary<string, string>()
            : entry.RequestMessage.Body.Split('&').Select(p => p.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : string.Empty);

    public void Dispose() => Server.Stop();
}
