using System.Text.Json;
using WireMock;

namespace CodeGoodly.Upload.Tests.Support;

/// <summary>
/// The server's token table, played inside WireMock callbacks: every /authorize issues a new token and, like the real
/// server, kills every older token of the account; a guarded endpoint accepts only the current token.
/// Thread-safe: WireMock runs callbacks concurrently.
/// </summary>
public sealed class TokenAuthority
{
    /// <summary>The refusal the core endpoints send for a dead token.</summary>
    public const string CoreRefusal = "Could not validate access_token and account_id, please reauthenticate or try again.";

    /// <summary>The refusal the /account/* endpoints send for a dead token.</summary>
    public const string AccountRefusal = "Could not validate access_token, please reauthenticate or try again.";

    private readonly object gate = new();
    private string? current;
    private int issued;

    /// <summary>How many tokens /authorize has issued.</summary>
    public int Issued
    {
        get
        {
            lock (gate)
            {
                return issued;
            }
        }
    }

    /// <summary>The token of the n-th authorization (1-based): 128 characters of [0-9a-zA-Z], like the real ones.</summary>
    public static string TokenFor(int number) => ("token" + number + "Z").PadRight(128, 'x');

    /// <summary>Drops the current token, as the server does after an hour without activity.</summary>
    public void Expire()
    {
        lock (gate)
        {
            current = null;
        }
    }

    /// <summary>Answers /authorize by issuing a new token that replaces the current one.</summary>
    public ApiServer ServeAuthorize(ApiServer api) => api.GivenCallback("authorize", _ => ApiServer.JsonMessage(ApiServer.AuthorizeJson(Issue())));

    /// <summary>Answers <paramref name="endpoint"/> with <paramref name="successJson"/> for the current token, and with an HTTP 200 refusal otherwise.</summary>
    public ApiServer Guard(ApiServer api, string endpoint, string successJson, string refusal = CoreRefusal) =>
        api.GivenCallback(endpoint, request => IsCurrent(request)
            ? ApiServer.JsonMessage(successJson)
            : ApiServer.JsonMessage($$"""{"status":"error","response":{{JsonSerializer.Serialize(refusal)}},"_datetime":"2024-11-28 22:52:06"}"""));

    /// <summary>Answers <paramref name="endpoint"/> with <paramref name="successJson"/> for the current token, and with HTTP 401 otherwise.</summary>
    public ApiServer GuardWith401(ApiServer api, string endpoint, string successJson) =>
        api.GivenCallback(endpoint, request => IsCurrent(request)
            ? ApiServer.JsonMessage(successJson)
            : ApiServer.JsonMessage("""{"status":"error","response":"Unauthorized"}""", 401));

    private string Issue()
    {
        lock (gate)
        {
            current = TokenFor(++issued);
            return current;
        }
    }

    private bool IsCurrent(IRequestMessage request)
    {
        string? token = ApiServer.AccessTokenOf(request);
        lock (gate)
        {
            return token is not null && token == current;
        }
    }
}
