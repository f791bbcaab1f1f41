using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>
/// The answer is read once, inside the attempt, into one buffer that the session handler and the envelope reader share; the
/// session's fields are appended to Refit's form bytes. These tests pin what that must not change: whole answers of any
/// length and framing, a refused token spotted in a chunked answer, and form bodies encoded exactly as before.
/// </summary>
public sealed class AnswerBufferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ListingJson(int folders)
    {
        var items = Enumerable.Range(1, folders).Select(i =>
            $$"""{"id":"{{i}}","parentId":null,"folderName":"Folder number {{i}} with a long enough name","totalSize":"0","isPublic":"0","accessPassword":null,"date_added":"2017-02-18 12:26:06","date_updated":null,"url_folder":"http://yoursite.com/folder/{{i}}/F","total_downloads":0,"child_folder_count":0,"file_count":0}""");
        return $$"""{"data":{"folders":[{{string.Join(',', items)}}],"files":[]},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";
    }

    [Theory]
    [InlineData(1)]     // < 1 KiB: one chunk
    [InlineData(60)]    // ~20 KiB in 1000-byte chunks: more than the first buffer, which grows
    public async Task ChunkedAnswer_OfAnyLength_IsReadWhole(int folders)
    {
        using var server = new RawHttpServer().Script("folder/listing", RawReply.Chunked(ListingJson(folders)));
        using var client = server.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Equal(folders, listing.Folders.Count);
        Assert.Equal($"Folder number {folders} with a long enough name", listing.Folders[^1].FolderName);
        Assert.Equal(1, server.CountOf("folder/listing"));
    }

    [Fact]
    public async Task LengthAnnouncedAnswer_LargerThanTheFirstBuffer_IsReadWhole()
    {
        using var server = new RawHttpServer().Script("folder/listing", RawReply.Json(ListingJson(60)));
        using var client = server.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Equal(60, listing.Folders.Count);
    }

    [Fact]
    public async Task RefusedToken_InAChunkedAnswer_IsSpottedAndTheCallRepeatedOnce()
    {
        using var server = new RawHttpServer().Script("file/info", RawReply.Chunked(FaultServer.RefusedJson, chunkSize: 7), RawReply.Chunked(FaultServer.FileJson));
        using var client = server.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Ct);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, server.CountOf("file/info"));
        Assert.Equal(2, server.CountOf("authorize"));
    }

    [Fact]
    public async Task FormBody_IsRefitsFieldsThenTheSessionsFields_EncodedAsFormUrlEncodedContent()
    {
        const string token = "t k+/=&é%";
        const string name = "Q3 & Q4 + más=100%";
        using var server = new RawHttpServer()
            .Script("authorize", RawReply.Json($$"""{"data":{"access_token":"{{token}}","account_id":"{{ApiServer.AccountId}}"},"_status":"success"}"""))
            .Script("folder/create", RawReply.Json(FaultServer.FolderJson));
        using var client = server.CreateClient();

        await client.Folders.CreateAsync(name, cancellationToken: Ct);

        string body = Assert.Single(server.BodiesOf("folder/create"));
        List<KeyValuePair<string, string>> fields = [.. body.Split('&').Select(Decode)];
        Assert.Equal(name, Assert.Single(fields, f => f.Key == "folder_name").Value);
        Assert.Equal(token, Assert.Single(fields, f => f.Key == "access_token").Value);
        Assert.Equal(ApiServer.AccountId, Assert.Single(fields, f => f.Key == "account_id").Value);
        Assert.Equal(["access_token", "account_id"], fields.TakeLast(2).Select(f => f.Key));

        // Byte for byte what FormUrlEncodedContent makes of the same fields in the same order.
        using var expected = new FormUrlEncodedContent(fields);
        Assert.Equal(await expected.ReadAsStringAsync(Ct), body);
    }

    [Fact]
    public async Task FormBody_WithItsOwnAccountId_KeepsItAndAddsOnlyTheToken()
    {
        using var server = new RawHttpServer().Script("account/delete", RawReply.Json("""{"response":"Account deleted.","_status":"success"}"""));
        using var client = server.CreateClient();

        await client.Admin.DeleteAccountAsync(777, Ct);

        string body = Assert.Single(server.BodiesOf("account/delete"));
        List<KeyValuePair<string, string>> fields = [.. body.Split('&').Select(Decode)];
        Assert.Equal("777", Assert.Single(fields, f => f.Key == "account_id").Value);
        Assert.Equal(ApiServer.Token, Assert.Single(fields, f => f.Key == "access_token").Value);
        Assert.Equal("access_token", fields[^1].Key);
    }

    private static KeyValuePair<string, string> Decode(string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        return new(Unescape(pair[..equals]), Unescape(pair[(equals + 1)..]));

        static string Unescape(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
    }
}
