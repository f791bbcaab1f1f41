using System.Net;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>A server-side account: one valid token at a time, as the real script keeps it (a new /authorize deletes the older tokens).</summary>
internal sealed class OneTokenAccount
{
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

    private readonly object gate = new();
    private int issued;
    private string? validToken;
    private int served;

    public int Served => Volatile.Read(ref served);

    public void ExpireTokens()
    {
        lock (gate)
        {
            validToken = null;
        }
    }

    public RawReply? Answer(string endpoint, string body)
    {
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : string.Empty);
        lock (gate)
        {
            if (endpoint == "authorize")
            {
                validToken = "token" + (++issued).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(123, '0');
                return RawReply.Json($$"""{"data":{"access_token":"{{validToken}}","account_id":"158642"},"_status":"success"}""");
            }

            if (!form.TryGetValue("access_token", out string? token) || token != validToken)
            {
                return RawReply.Json(RefusedJson);
            }
        }

        Interlocked.Increment(ref served);
        return endpoint == "account/info" ? RawReply.Json(AccountJson) : RawReply.Json(FileJson);
    }
}
