using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Plain HTTP against the fake, to see exactly what it answers (the SDK hides the quirks on purpose).</summary>
internal sealed class Raw(FakeUploadServer server) : IDisposable
{
    // No cookie jar: the fake sets a PHP session cookie on every answer, and these tests read it without sending it back.
    private readonly HttpClient http = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => http;

    public async Task<(int Status, string Body)> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        RawAnswer answer = await SendAsync(path, fields);
        return (answer.Status, answer.Body);
    }

    /// <summary>Posts a form and returns the whole answer: status, Content-Type, Set-Cookie and body.</summary>
    public async Task<RawAnswer> SendAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseAddress, path), content, TestContext.Current.CancellationToken);
        return await RawAnswer.ReadAsync(response);
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
        return (data.GetProperty("access_token").GetString()!, Text(data.GetProperty("account_id")));
    }

    /// <summary>A scalar as the text PHP printed: a JSON string's value, or a number's digits (the fake sends either, see DatabaseValuesAsNumbers).</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new InvalidOperationException($"Expected a string or a number, found {value.ValueKind}: {value.GetRawText()}"),
    };

    /// <summary>Calls an endpoint with a session.</summary>
    public async Task<JsonElement> CallAsync((string Token, string AccountId) session, string path, params (string Name, string Value)[] fields) =>
        await PostJsonAsync(path, [("access_token", session.Token), ("account_id", session.AccountId), .. fields]);

    /// <summary>Uploads through a hand-made multipart body, with the file name's header parameter written exactly as given.</summary>
    public async Task<JsonElement> UploadRawAsync((string Token, string AccountId) session, string dispositionParameters, byte[] content, bool chunked = false, string? folderId = null)
    {
        string boundary = "fakeboundary123";
        var head = new StringBuilder();
        var formFields = new List<(string Name, string Value)> { ("access_token", session.Token), ("account_id", session.AccountId) };
        if (folderId is not null)
        {
            formFields.Add(("folder_id", folderId));
        }

        foreach ((string name, string value) in formFields)
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

/// <summary>One answer as it came off the wire.</summary>
internal sealed record RawAnswer(int Status, string? ContentType, IReadOnlyList<string> SetCookies, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public static async Task<RawAnswer> ReadAsync(HttpResponseMessage response) => new(
        (int)response.StatusCode,
        response.Content.Headers.ContentType?.ToString(),
        response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies) ? cookies.ToArray() : [],
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
}
