using System.Text.Encodings.Web;
using System.Text.Json;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Session;
using CodeGoodly.Upload.Tests.Properties;
using CodeGoodly.Upload.Tests.Support;
using CsCheck;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>No key, password or access token in any exception message, exception ToString() or object ToString().</summary>
public sealed class SecretTests
{
    private const string Password = "Secret-Passw0rd-4711";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> FailureScenarios => new()
    {
        "authorize answers 500 echoing the key pair",
        "authorize answers 200 HTML echoing the login",
        "file/info answers 500 echoing the form",
        "file/info answers truncated JSON echoing the form",
        "file/info answers an error envelope carrying the token in extra fields",
        "file/info refuses every token",
        "file/info answers 401 every time",
        "the host refuses connections",
    };

    [Fact]
    public void UploadClientOptions_ToStringWithKeys_ShowsNeitherKey()
    {
        var options = new UploadClientOptions { Key1 = ApiServer.Key1, Key2 = ApiServer.Key2 };

        string text = options.ToString();

        Assert.DoesNotContain(ApiServer.Key1, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key2, text, StringComparison.Ordinal);
        Assert.DoesNotContain("k1k1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UploadClientOptions_ToStringWithLogin_ShowsNoPassword()
    {
        var options = new UploadClientOptions { Username = "admin", Password = Password };

        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UploadClientOptions_ValidationErrorsForShortKeys_ShowNeitherKey()
    {
        var options = new UploadClientOptions { Key1 = "short-secret-key-one", Key2 = "short-secret-key-two" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.DoesNotContain("short-secret-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NewAccount_ToString_ShowsNoPassword()
    {
        var account = new NewAccount { Username = "jane", Password = Password, Email = "[email protected]" };

        Assert.DoesNotContain(Password, account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AccountChanges_ToString_ShowsNoPassword()
    {
        var changes = new AccountChanges { Password = Password, Email = "[email protected]" };

        Assert.DoesNotContain(Password, changes.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SessionToken_ToString_ShowsNoToken()
    {
        var token = new SessionToken(ApiServer.Token, ApiServer.AccountId);

        Assert.DoesNotContain(ApiServer.Token, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FolderChanges_ToString_ShowsNoAccessPassword()
    {
        var changes = new FolderChanges(FolderName: "F", AccessPassword: Password);

        Assert.DoesNotContain(Password, changes.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DownloadLink_ToString_ShowsNoDownloadToken()
    {
        var link = new DownloadLink
        {
            FileId = new FileId(1253),
            FileName = "sample4_l.jpg",
            DownloadUrl = new Uri("http://yoursite.com/2Vv?download_token=c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067"),
        };

        Assert.DoesNotContain("c3e6289a23e9819d", link.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_LinkRefused_ExceptionShowsNoDownloadToken()
    {
        using var api = new ApiServer().GivenAuthorize();
        string url = api.Server.Urls[0] + "/2Vv?download_token=c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067";
        api.Given("file/download", $$"""{ "data": { "file_id": "1253", "filename": "sample4_l.jpg", "download_url": "{{url}}" }, "_status": "success" }""");
        using var client = api.CreateClient(o => o.MaxRetries = 0);
        using var destination = new MemoryStream();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(new FileId(1253), destination, cancellationToken: Cancel));

        Assert.DoesNotContain("c3e6289a23e9819d", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FailureScenarios))]
    public async Task Call_Failing_ExceptionShowsNoSecret(string scenario)
    {
        using var api = new ApiServer();
        bool login = false;
        string baseAddress = api.BaseAddress.ToString();
        switch (scenario)
        {
            case "authorize answers 500 echoing the key pair":
                api.GivenCallback("authorize", request => ApiServer.JsonMessage("<html><body>Fatal error in request " + request.Body + "</body></html>", 500));
                break;
            case "authorize answers 200 HTML echoing the login":
                login = true;
                api.GivenCallback("authorize", request => ApiServer.JsonMessage("<pre>POST " + request.Body + "</pre>"));
                break;
            case "file/info answers 500 echoing the form":
                api.GivenAuthorize().GivenCallback("file/info", request => ApiServer.JsonMessage("<html>Fatal: " + request.Body + "</html>", 500));
                break;
            case "file/info answers truncated JSON echoing the form":
                api.GivenAuthorize().Given("file/info", $$"""{"debug":{"access_token":"{{ApiServer.Token}}","key1":"{{ApiServer.Key1}}"},"data":{"id":""");
                break;
            case "file/info answers an error envelope carrying the token in extra fields":
                api.GivenAuthorize().Given("file/info", $$$"""{"status":"error","response":"Could not find file based on file_id.","request":{"access_token":"{{{ApiServer.Token}}}"}}""");
                break;
            case "file/info refuses every token":
                api.GivenAuthorize().Given("file/info", $$"""{"status":"error","response":"{{TokenAuthority.CoreRefusal}}"}""");
                break;
            case "file/info answers 401 every time":
                api.GivenAuthorize().GivenCallback("file/info", request => ApiServer.JsonMessage("Unauthorized: " + request.Body, 401));
                break;
            case "the host refuses connections":
                baseAddress = $"http://127.0.0.1:{ApiServer.ClosedLoopbackPort()}/api/v2/";
                break;
        }

        using var client = api.CreateClient(o =>
        {
            o.BaseAddress = new Uri(baseAddress);
            o.MaxRetries = 0;
            o.MaxReauthorizations = 1;
            if (login)
            {
                o.Key1 = o.Key2 = null;
                o.Username = "admin";
                o.Password = Password;
            }
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        foreach (string secret in new[] { ApiServer.Key1, ApiServer.Key2, ApiServer.Token, Password })
        {
            Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ServerMessage ?? string.Empty, StringComparison.Ordinal);
        }
    }

    /// <summary>The names whose values are secrets wherever they appear.</summary>
    private static readonly string[] SecretNames = ["access_token", "key1", "key2", "password", "download_token", "access_password"];

    /// <summary>Secrets made of pieces that break naive patterns: spaces, quotes, backslashes, JSON escapes, form syntax, commas, braces.</summary>
    private static readonly string[] SecretPieces =
    [
        "my", "secret", " ", "  ", "\"", "\\", "\\\"", "\\u0022", "'", "&", "=", "+", "%", "%20", ",", "}", "{", ":", ";", "#", "?", "/",
        "\t", "\n", "é", "中", "😀", "x9", "null",
    ];

    private static Gen<string> Secrets { get; } =
        Gen.Int[0, SecretPieces.Length - 1].Array[1, 10].Select(indexes => string.Concat(indexes.Select(i => SecretPieces[i])));

    public static TheoryData<string, string> SecretsWithSpaces => new()
    {
        { """{"password":"my secret"}""", """{"password":"***"}""" },
        { """{"key1": "two words", "key2":"three more words","x":1}""", """{"key1": "***", "key2":"***","x":1}""" },
        { """{"access_token":"a b\"c d","ok":true}""", """{"access_token":"***","ok":true}""" },
        { """{"password":"ends with a backslash\\","ok":true}""", """{"password":"***","ok":true}""" },
        { """Fatal error in request {"password":"cut off mid secr""", """Fatal error in request {"password":"***""" },
        { "password=my+secret&x=1", "password=***&x=1" },
        { "password=my%20secret&x=1", "password=***&x=1" },
        { "x=1&key1=a%22b+c&key2=d", "x=1&key1=***&key2=***" },
    };

    [Theory]
    [MemberData(nameof(SecretsWithSpaces))]
    public void RedactText_SecretWithSpacesOrQuotes_MaskedWhole(string text, string expected) =>
        Assert.Equal(expected, Redaction.RedactText(text));

    [Fact]
    public void RedactText_RandomSecretsInJson_NoPartSurvives()
    {
        var encoders = new[] { new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping } };
        Gen.Select(Secrets, Gen.Int[0, SecretNames.Length - 1], Gen.Int[0, encoders.Length - 1], Gen.Bool).Sample((secret, name, encoder, spaced) =>
        {
            string value = JsonSerializer.Serialize(secret, encoders[encoder]);
            string separator = spaced ? " : " : ":";
            string text = $$"""{"user":"bob","{{SecretNames[name]}}"{{separator}}{{value}},"n":1}""";

            string redacted = Redaction.RedactText(text);

            Assert.Equal($$"""{"user":"bob","{{SecretNames[name]}}"{{separator}}"***","n":1}""", redacted);
        }, iter: PropertyRuns.Iterations(2000));
    }

    [Fact]
    public void RedactText_RandomSecretsInForms_NoPartSurvives()
    {
        Gen.Select(Secrets, Gen.Int[0, SecretNames.Length - 1], Gen.Bool).Sample((secret, name, plusForSpace) =>
        {
            string encoded = plusForSpace ? Api.FormEncoding.EncodeValue(secret) : Uri.EscapeDataString(secret);
            string text = $"user=bob&{SecretNames[name]}={encoded}&n=1";

            string redacted = Redaction.RedactText(text);

            Assert.Equal($"user=bob&{SecretNames[name]}=***&n=1", redacted);
        }, iter: PropertyRuns.Iterations(2000));
    }

    [Fact]
    public void RedactUrl_RandomDownloadTokensInTheQuery_NoPartSurvives()
    {
        Secrets.Sample(secret =>
        {
            var url = new Uri("https://files.example.com/2Vv?download_token=" + Uri.EscapeDataString(secret) + "&x=1");

            Assert.Equal("https://files.example.com/2Vv?download_token=***&x=1", Redaction.RedactUrl(url));
        }, iter: PropertyRuns.Iterations(1000));
    }
}
