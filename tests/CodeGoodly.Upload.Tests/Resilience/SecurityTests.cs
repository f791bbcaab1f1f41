using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeGoodly.Upload.Tests.Support;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>Plain HTTP refused, TLS left to the platform, and no secret in a message or a ToString().</summary>
public sealed class SecurityTests
{
    private const string Password = "pa55-w0rd-that-must-not-leak";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Constructor_HttpBaseAddressWithoutAllowInsecureHttp_RefusedBeforeAnyRequest()
    {
        using var api = new ApiServer().GivenAuthorize();

        var refused = Assert.Throws<ArgumentException>(() => new UploadClient(api.Options(o => o.AllowInsecureHttp = false)));

        Assert.Contains("AllowInsecureHttp", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key1, refused.Message, StringComparison.Ordinal);
        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task Constructor_HttpBaseAddressWithAllowInsecureHttp_Works()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", AccountJson);
        using var client = new UploadClient(api.Options(o => o.AllowInsecureHttp = true));

        AccountInfo account = await client.Account.GetInfoAsync(Ct);

        Assert.Equal(158642, account.Id);
    }

    [Fact]
    public async Task Https_ServerWithUntrustedCertificate_RefusedNotBypassed()
    {
        using var certificate = SelfSignedCertificate();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int requestsRead = 0;
        Task serving = Task.Run(async () =>
        {
            using TcpClient connection = await listener.AcceptTcpClientAsync(Ct);
            using var tls = new SslStream(connection.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(certificate);
                if (await tls.ReadAsync(new byte[1024], Ct) > 0)
                {
                    Interlocked.Increment(ref requestsRead);
                }
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                // the client refused the certificate, as it should
            }
        }, Ct);
        var address = new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/api/v2/");
        using var client = new UploadClient(new UploadClientOptions { BaseAddress = address, Key1 = ApiServer.Key1, Key2 = ApiServer.Key2, MaxRetries = 0 });

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));
        await serving.WaitAsync(Bound, Ct);

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.Equal(0, requestsRead); // the keys never went over the untrusted connection
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    [Fact]
    public void OptionsToString_KeysAndPasswordHidden()
    {
        var keys = new UploadClientOptions { Key1 = ApiServer.Key1, Key2 = ApiServer.Key2 };
        var login = new UploadClientOptions { Username = "admin", Password = Password };

        Assert.DoesNotContain(ApiServer.Key1, keys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key2, keys.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, login.ToString(), StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", keys.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorPage_EchoesTheRequestBody_TokenMaskedInMessageAndToString()
    {
        // Some proxies and debug pages echo the request back; the SDK must not carry the token into an exception.
        using var server = new RawHttpServer().Handle((endpoint, body) =>
            endpoint == "file/info" ? RawReply.Json($"<html><body>Bad request: {body}</body></html>", 500) : null);
        using var client = server.CreateClient(o => o.MaxRetries = 0);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Contains("file_id=1253", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(ApiServer.Token, Assert.Single(server.BodiesOf("file/info")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_ErrorPageEchoesTheKeys_KeysMaskedInMessageAndToString()
    {
        using var server = new RawHttpServer().Handle((endpoint, body) =>
            endpoint == "authorize" ? RawReply.Json($"<html><body>Bad request: {body}</body></html>", 502) : null);
        using var client = server.CreateClient(o => o.MaxRetries = 0);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.DoesNotContain(ApiServer.Key1, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key2, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_LoginErrorPageEchoesThePassword_PasswordMasked()
    {
        using var server = new RawHttpServer().Handle((endpoint, body) =>
            endpoint == "authorize" ? RawReply.Json("""{"status":"error","response":"Could not authenticate user. Sent: """ + body.Replace("\"", "", StringComparison.Ordinal) + "\"}") : null);
        using var client = new UploadClient(server.Options(o =>
        {
            o.Key1 = null;
            o.Key2 = null;
            o.Username = "admin";
            o.Password = Password;
        }));

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        Assert.Contains(Password, WebUtility.UrlDecode(Assert.Single(server.BodiesOf("authorize"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadLink_ToString_DownloadTokenRedacted()
    {
        const string DownloadToken = "c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067";
        using var api = new ApiServer().GivenAuthorize()
            .Given("file/download", $$"""{"data":{"file_id":"1253","filename":"a.jpg","download_url":"http://yoursite.com/2Vv?download_token={{DownloadToken}}"},"_status":"success"}""");
        using var client = api.CreateClient();

        DownloadLink link = await client.Files.GetDownloadLinkAsync(new FileId(1253), Ct);

        Assert.Contains(DownloadToken, link.DownloadUrl.Query, StringComparison.Ordinal); // usable by the caller
        Assert.DoesNotContain(DownloadToken, link.ToString(), StringComparison.Ordinal);
        Assert.Contains("download_token=***", link.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://h/x?download_token=abc123&x=1", "https://h/x?download_token=***&x=1")]
    [InlineData("access_token=abc&account_id=5", "access_token=***&account_id=5")]
    [InlineData("{\"access_token\":\"abc\",\"key1\": \"def\"}", "{\"access_token\":\"***\",\"key1\": \"***\"}")]
    [InlineData("key2=zzz&password=p%40ss", "key2=***&password=***")]
    public void Redaction_SecretValues_Masked(string text, string expected) =>
        Assert.Equal(expected, Http.Redaction.RedactText(text));
}
