using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Plain HTTP against the fake, to see exactly what it answers (the SDK hides the quirks on purpose).</summary>
internal sealed class Raw(FakeUploadServer server) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => http;

    public async Task<(int Status, string Body)> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseAddress, path), content, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<JsonElement> PostJsonAsync(string path, params (string Name, string Value)[] fields)
    {
        (int status, string body) = await PostAsync(path, fields);
        Assert.Equal(200, status);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Signs in with the default account's keys and returns (access_token, account_id).</summary>
    public async Task<(string Token, string AccountId)> AuthorizeAsync(FakeAccount? account = null)
    {
        account ??= server.DefaultAccount;
        JsonElement json = await PostJsonAsync("authorize", ("key1", account.Key1), ("key2", account.Key2));
        JsonElement data = json.GetProperty("data");
        return (data.GetProperty("access_token").GetString()!, data.GetProperty("account_id").GetString()!);
    }

    /// <summary>Calls an endpoint with a session.</summary>
    public async Task<JsonElement> CallAsync((string Token, string AccountId) session, string path, params (string Name, string Value)[] fields) =>
        await PostJsonAsync(path, [("access_token", session.Token), ("account_id", session.AccountId), .. fields]);

    /// <summary>Uploads through a hand-made multipart body, with the file name's header parameter written exactly as given.</summary>
    public async Task<JsonElement> UploadRawAsync((string Token, string AccountId) session, string dispositionParameters, byte[] content, bool chunked = false)
    {
        string boundary = "fakeboundary123";
        var head = new StringBuilder();
        foreach ((string name, string value) in new[] { ("access_token", session.Token), ("account_id", session.AccountId) })
        {
            head.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        }

        head.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"upload_file\"; ").Append(dispositionParameters)
            .Append("\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] body = [.. Encoding.UTF8.GetBytes(head.ToString()), .. content, .. Encoding.ASCII.GetBytes("\r\n--" + boundary + "--\r\n")];
        HttpContent httpContent = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        using (httpContent)
        {
            httpContent.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + boundary);
            using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseAddress, "file/upload"), httpContent, TestContext.Current.CancellationToken);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>A stream that will not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
