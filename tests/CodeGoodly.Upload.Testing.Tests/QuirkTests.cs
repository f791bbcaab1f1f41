using System.Net;
using System.Text;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Each way deployed servers differ from the vendor's page, proven on the raw HTTP the fake sends.</summary>
public sealed class QuirkTests
{
    private const string TokenRejected = "Could not validate access_token and account_id, please reauthenticate or try again.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Envelope_SuccessHasUnderscoreStatus_ErrorHasStatusWithHttp200()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement ok = await raw.CallAsync(session, "folder/listing");
        Assert.Equal("success", ok.GetProperty("_status").GetString());
        Assert.False(ok.TryGetProperty("status", out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", ok.GetProperty("_datetime").GetString());

        (int status, string body) = await raw.PostAsync("file/info", ("access_token", session.Token), ("account_id", session.AccountId), ("file_id", "999999"));
        Assert.Equal(200, status);
        JsonElement error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.False(error.TryGetProperty("_status", out _));
        Assert.Equal("Could not find file based on file_id.", error.GetProperty("response").GetString());
    }

    [Fact]
    public async Task Numbers_DatabaseValuesAreStrings_ComputedCountsAreNumbers()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        Assert.Equal(server.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), session.AccountId);

        JsonElement created = (await raw.CallAsync(session, "folder/create", ("folder_name", "Numbers"))).GetProperty("data");
        Assert.Equal(JsonValueKind.String, created.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.String, created.GetProperty("totalSize").ValueKind);
        Assert.Equal(JsonValueKind.String, created.GetProperty("isPublic").ValueKind);
        Assert.Equal(JsonValueKind.Number, created.GetProperty("total_downloads").ValueKind);
        Assert.Equal(JsonValueKind.Number, created.GetProperty("child_folder_count").ValueKind);
        Assert.Equal(JsonValueKind.Number, created.GetProperty("file_count").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("parentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("date_updated").ValueKind);

        JsonElement account = (await raw.CallAsync(session, "account/info")).GetProperty("data");
        Assert.Equal("2", account.GetProperty("level_id").GetString());
        JsonElement package = (await raw.CallAsync(session, "account/package")).GetProperty("data");
        Assert.Equal("1", package.GetProperty("can_upload").GetString());
    }

    [Fact]
    public async Task FileObjects_InfoCarriesFileStatus_ListingCarriesStatus_UnsetDateIsZeroes()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        using var content = new MemoryStream("hello"u8.ToArray());
        UploadedFile file = await client.Files.UploadAsync(content, "hello.txt", cancellationToken: Ct);
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement info = (await raw.CallAsync(session, "file/info", ("file_id", file.FileId.ToString()))).GetProperty("data");
        Assert.Equal("active", info.GetProperty("file_status").GetString());
        Assert.False(info.TryGetProperty("status", out _));
        Assert.Equal("0000-00-00 00:00:00", info.GetProperty("lastAccessed").GetString());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("keywords").ValueKind);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("folderId").ValueKind);
        Assert.Equal("api", info.GetProperty("uploadSource").GetString());
        Assert.Equal("5", info.GetProperty("fileSize").GetString());

        JsonElement listed = (await raw.CallAsync(session, "folder/listing")).GetProperty("data").GetProperty("files")[0];
        Assert.Equal("active", listed.GetProperty("status").GetString());
        Assert.False(listed.TryGetProperty("file_status", out _));
        Assert.False(listed.TryGetProperty("uploadedIP", out _));
    }

    [Fact]
    public async Task Json_IsWrittenLikePhp_SlashesAndNonAsciiEscaped()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        (_, string body) = await raw.PostAsync("folder/create", ("access_token", session.Token), ("account_id", session.AccountId), ("folder_name", "Grüße"));
        Assert.Contains("\"Gr\\u00fc\\u00dfe\"", body, StringComparison.Ordinal);
        Assert.Contains("http:\\/\\/127.0.0.1", body, StringComparison.Ordinal);
        Assert.Equal("Grüße", JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("folderName").GetString());
    }

    [Fact]
    public async Task UnknownEndpoint_Http404WithBareJsonString()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        (int status, string body) = await raw.PostAsync("x");
        Assert.Equal(404, status);
        Assert.Equal("\"No endpoint found for: x\"", body);
    }

    [Fact]
    public async Task UnknownAction_Http404WithIndexedMessage()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        (int status, string body) = await raw.PostAsync("file/x");
        Assert.Equal(404, status);
        JsonElement json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("No method found within endpoint (file): x", json.GetProperty("0").GetString());
        Assert.Equal("error", json.GetProperty("_status").GetString());
    }

    [Fact]
    public async Task Paths_AreCaseInsensitive_AndGetWorksLikePost()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        using HttpResponseMessage response = await raw.Http.GetAsync(
            new Uri(server.SiteAddress, $"API/V2/Folder/Listing?access_token={session.Token}&account_id={session.AccountId}"), Ct);
        JsonElement json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("success", json.GetProperty("_status").GetString());
        Assert.Equal("GET", server.Journal.For("folder/listing")[0].Method);
    }

    [Fact]
    public async Task CommonErrors_MissingTokenMissingAccountBadToken_VendorWords()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        Assert.Equal("Please provide the access_token param.", (await raw.PostJsonAsync("file/info", ("file_id", "1"))).GetProperty("response").GetString());
        Assert.Equal("Please provide the account_id param.", (await raw.PostJsonAsync("file/info", ("access_token", session.Token))).GetProperty("response").GetString());
        Assert.Equal(TokenRejected, (await raw.PostJsonAsync("file/info", ("access_token", "nope"), ("account_id", session.AccountId))).GetProperty("response").GetString());
        Assert.Equal(TokenRejected, (await raw.PostJsonAsync("file/info", ("access_token", session.Token), ("account_id", "1"))).GetProperty("response").GetString());
        Assert.Equal("Could not validate access_token, please reauthenticate or try again.",
            (await raw.PostJsonAsync("account/info", ("access_token", "nope"), ("account_id", session.AccountId))).GetProperty("response").GetString());
    }

    [Theory]
    [InlineData("key1=short&key2=" + Key64, "Please provide key1. It must be 64 characters in length.")]
    [InlineData("key1=" + Key64 + "&key2=short", "Please provide key2. It must be 64 characters in length.")]
    [InlineData("key1=" + Key64 + "&key2=" + Key64, "Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins.")]
    [InlineData("password=x", "Please provide a username.")]
    [InlineData("username=demo", "Please provide a password.")]
    [InlineData("username=demo&password=wrong", "Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.")]
    public async Task Authorize_BadCredentials_VendorWords(string form, string expected)
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var fields = form.Split('&').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();
        Assert.Equal(expected, (await raw.PostJsonAsync("authorize", fields)).GetProperty("response").GetString());
    }

    private const string Key64 = "0000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public async Task Authorize_AccountWithoutApiAccess_LevelMessage_AndSdkSaysAuthentication()
    {
        await using var server = FakeUploadServer.Start();
        FakeAccount locked = server.AddAccount("locked", "locked-pass", apiAccess: false);
        using var client = server.CreateClient(locked, useKeys: false);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));
        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal("Your account level does not have access to the file upload API. Please contact site support for more information.", error.ServerMessage);
    }

    [Fact]
    public async Task Authorize_TokenShape_128AlphanumericAndAccountIdString()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        Assert.Matches("^[0-9a-zA-Z]{128}$", session.Token);
        Assert.Equal(server.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), session.AccountId);
    }

    [Fact]
    public async Task Authorize_Again_KillsTheAccountsEarlierToken()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var first = await raw.AuthorizeAsync();
        var second = await raw.AuthorizeAsync();
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        Assert.Equal(TokenRejected, (await raw.CallAsync(first, "folder/listing")).GetProperty("response").GetString());
        Assert.Equal("success", (await raw.CallAsync(second, "folder/listing")).GetProperty("_status").GetString());
        Assert.Equal("success", (await raw.CallAsync(admin, "folder/listing")).GetProperty("_status").GetString());
        Assert.Equal(2, server.ActiveTokenCount);
    }

    [Fact]
    public async Task DisableAccessToken_RemovesTheToken()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        JsonElement disabled = await raw.CallAsync(session, "disable_access_token");
        Assert.Equal("Token removed or no longer available.", disabled.GetProperty("response").GetString());
        Assert.Equal(TokenRejected, (await raw.CallAsync(session, "folder/listing")).GetProperty("response").GetString());
    }

    [Fact]
    public async Task IdleExpiry_RawCallAfterTimeout_IsRefused()
    {
        var clock = new ManualClock();
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { TimeProvider = clock, TokenIdleTimeout = TimeSpan.FromMinutes(10) });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(TokenRejected, (await raw.CallAsync(session, "folder/listing")).GetProperty("response").GetString());
    }

    [Fact]
    public async Task Moves_RootIsLiteralNull_BlankOrZeroIsAMissingParam()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        string folderId = (await raw.CallAsync(session, "folder/create", ("folder_name", "A"))).GetProperty("data").GetProperty("id").GetString()!;
        string childId = (await raw.CallAsync(session, "folder/create", ("folder_name", "B"), ("parent_id", folderId))).GetProperty("data").GetProperty("id").GetString()!;

        JsonElement moved = await raw.CallAsync(session, "folder/move", ("folder_id", childId), ("new_parent_folder_id", "null"));
        Assert.Equal("Folder successfully moved.", moved.GetProperty("response").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("data").GetProperty("parentId").ValueKind);

        Assert.Equal("Please provide the new_parent_folder_id param.",
            (await raw.CallAsync(session, "folder/move", ("folder_id", childId), ("new_parent_folder_id", "0"))).GetProperty("response").GetString());
        Assert.Equal("Please provide the new_parent_folder_id param.",
            (await raw.CallAsync(session, "file/move", ("file_id", "1"), ("new_parent_folder_id", ""))).GetProperty("response").GetString());
        Assert.Equal("Please provide the copy_to_folder_id param.",
            (await raw.CallAsync(session, "file/copy", ("file_id", "1"), ("copy_to_folder_id", "0"))).GetProperty("response").GetString());
    }

    [Fact]
    public async Task Moves_SdkSendsNullForRoot_FakeMovesFileToRoot()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("In", cancellationToken: Ct);
        using var content = new MemoryStream([1, 2, 3]);
        UploadedFile file = await client.Files.UploadAsync(content, "f.bin", folder.Id, cancellationToken: Ct);
        FileDetails moved = await client.Files.MoveAsync(file.FileId, null, Ct);
        Assert.Null(moved.FolderId);
        Assert.Equal("null", server.Journal.For("file/move")[0].Fields["new_parent_folder_id"]);
    }

    [Fact]
    public async Task FolderInfo_ReadsFolderId_NotTheDocumentedParentFolderId()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        string id = (await raw.CallAsync(session, "folder/create", ("folder_name", "Docs"))).GetProperty("data").GetProperty("id").GetString()!;
        Assert.Equal("Docs", (await raw.CallAsync(session, "folder/info", ("folder_id", id))).GetProperty("data").GetProperty("folderName").GetString());
        // Without folder_id the server sees no folder at all (recorded: 31_folder_info_missing_folder_id).
        Assert.Equal("Please provide the folder_id param.",
            (await raw.CallAsync(session, "folder/info", ("parent_folder_id", id))).GetProperty("response").GetString());
    }

    [Fact]
    public async Task Listing_OnlyActiveFiles_SortedByNameCaseInsensitive()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        foreach (string name in new[] { "b.txt", "C.txt", "a.txt", "trash-me.txt" })
        {
            using var content = new MemoryStream([1]);
            await client.Files.UploadAsync(content, name, cancellationToken: Ct);
        }

        FileDetails trashed = (await client.Folders.ListAsync(cancellationToken: Ct)).Files.Single(f => f.FileName == "trash-me.txt");
        await client.Files.DeleteAsync(trashed.Id, Ct);

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);
        Assert.Equal(["a.txt", "b.txt", "C.txt"], listing.Files.Select(f => f.FileName));
        Assert.Equal("trash", (await client.Files.GetInfoAsync(trashed.Id, Ct)).Status);
    }

    [Fact]
    public async Task FolderDeleteAndMove_UnknownFolder_FailedWording_AndSelfMoveRefused()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        Assert.Equal("Failed deleting the folder.", (await raw.CallAsync(session, "folder/delete", ("folder_id", "4242"))).GetProperty("response").GetString());
        Assert.Equal("Please provide the folder_id param.", (await raw.CallAsync(session, "folder/delete")).GetProperty("response").GetString());
        Assert.Equal("Failed moving the folder.", (await raw.CallAsync(session, "folder/move", ("folder_id", "4242"), ("new_parent_folder_id", "null"))).GetProperty("response").GetString());
        Assert.Equal("Param folder_id can not match new_parent_folder_id.", (await raw.CallAsync(session, "folder/move", ("folder_id", "7"), ("new_parent_folder_id", "7"))).GetProperty("response").GetString());

        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.DeleteAsync(new FolderId(4242), Ct));
        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Failed deleting the folder.", error.ServerMessage);
    }

    [Fact]
    public async Task FolderDelete_TrashesTheFilesInside()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("Doomed", cancellationToken: Ct);
        using var content = new MemoryStream([9]);
        UploadedFile file = await client.Files.UploadAsync(content, "inside.bin", folder.Id, cancellationToken: Ct);
        await client.Folders.DeleteAsync(folder.Id, Ct);
        Assert.Equal("trash", (await client.Files.GetInfoAsync(file.FileId, Ct)).Status);
    }

    [Fact]
    public async Task Copy_AnswerHasNoTopLevelData_AndTheVendorsSpelling()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        using var content = new MemoryStream([1, 2]);
        UploadedFile file = await client.Files.UploadAsync(content, "c.bin", cancellationToken: Ct);
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        JsonElement copy = await raw.CallAsync(session, "file/copy", ("file_id", file.FileId.ToString()), ("copy_to_folder_id", "null"));
        Assert.Equal("File successfully copyied.", copy.GetProperty("response").GetString());
        Assert.False(copy.TryGetProperty("data", out _));
        Assert.NotEqual(copy.GetProperty("original_file").GetProperty("data").GetProperty("id").GetString(), copy.GetProperty("new_file").GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Upload_FileNameIsRawUtf8_AndSdkNamesArriveIntact()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        using var content = new MemoryStream([1, 2, 3]);
        UploadedFile file = await client.Files.UploadAsync(content, "Grüße \"quoted\" 報告.txt", cancellationToken: Ct);
        Assert.Equal("Grüße %22quoted%22 報告.txt", file.Name); // stored as the server stores it: libcurl writes " as %22
        Assert.Equal("Grüße \"quoted\" 報告.txt", server.Journal.For("file/upload")[0].FileName);
    }

    [Fact]
    public async Task Upload_EncodedNames_AreTakenLiterallyAndFilenameStarIgnored()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        // What .NET's stock ContentDispositionHeaderValue writes for a non-ASCII name.
        JsonElement encoded = await raw.UploadRawAsync(session, "filename=\"=?utf-8?B?R3LDvMOfZS50eHQ=?=\"; filename*=utf-8''Gr%C3%BC%C3%9Fe.txt", [1]);
        Assert.Equal("=?utf-8?B?R3LDvMOfZS50eHQ=?=", encoded.GetProperty("data")[0].GetProperty("name").GetString());

        JsonElement starOnly = await raw.UploadRawAsync(session, "filename*=utf-8''Gr%C3%BC%C3%9Fe.txt", [1]);
        Assert.Equal("Did not receive uploaded file.", starOnly.GetProperty("response").GetString());

        JsonElement path = await raw.UploadRawAsync(session, "filename=\"C:\\\\Users\\\\me\\\\report.txt\"", [1]);
        Assert.Equal("report.txt", path.GetProperty("data")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Upload_EmptyFile_FilesizeReceivedWasZero()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        JsonElement answer = await raw.UploadRawAsync(session, "filename=\"empty.txt\"", []);
        Assert.Equal("Filesize received was zero.", answer.GetProperty("response").GetString());
    }

    [Fact]
    public async Task Upload_PackageMayNotUpload_ErrorInTheDataItem_SdkSaysForbidden()
    {
        await using var server = FakeUploadServer.Start();
        FakeAccount readOnly = server.AddAccount("reader", "reader-pass", levelId: 3);
        using var client = server.CreateClient(readOnly);
        using var content = new MemoryStream([1]);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "no.bin", cancellationToken: Ct));
        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Equal("Your account level does not have permission to upload files.", error.ServerMessage);
    }

    [Fact]
    public async Task Files_OfAnotherAccount_AreNotFound()
    {
        await using var server = FakeUploadServer.Start();
        using var owner = server.CreateClient();
        using var stranger = server.CreateClient(server.AdminAccount);
        using var content = new MemoryStream([1]);
        UploadedFile file = await owner.Files.UploadAsync(content, "mine.bin", cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => stranger.Files.GetInfoAsync(file.FileId, Ct));
        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Could not find file based on file_id.", error.ServerMessage);
    }

    [Fact]
    public async Task Download_RangeRequest_206WithContentRange_AndBadRange416()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        byte[] bytes = Encoding.ASCII.GetBytes("0123456789");
        using var content = new MemoryStream(bytes);
        UploadedFile file = await client.Files.UploadAsync(content, "digits.txt", cancellationToken: Ct);
        DownloadLink link = await client.Files.GetDownloadLinkAsync(file.FileId, Ct);
        Assert.StartsWith(server.SiteAddress.AbsoluteUri, link.DownloadUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("download_token=", link.DownloadUrl.Query, StringComparison.Ordinal);

        using var raw = new Raw(server);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, link.DownloadUrl);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, null);
        using HttpResponseMessage partial = await raw.Http.SendAsync(ranged, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 4-9/10", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(6, partial.Content.Headers.ContentLength);
        Assert.Equal("456789", await partial.Content.ReadAsStringAsync(Ct));

        using var whole = await raw.Http.GetAsync(link.DownloadUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(10, whole.Content.Headers.ContentLength);

        using var beyond = new HttpRequestMessage(HttpMethod.Get, link.DownloadUrl);
        beyond.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(50, null);
        using HttpResponseMessage unsatisfiable = await raw.Http.SendAsync(beyond, Ct);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("***", server.Journal.For(FakeUploadServer.DownloadEndpoint)[0].Fields["download_token"]);
    }

    [Fact]
    public async Task Download_AfterDelete_LinkRefusedAndNewLinkNotFound()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        using var content = new MemoryStream([1, 2, 3]);
        UploadedFile file = await client.Files.UploadAsync(content, "short-lived.bin", cancellationToken: Ct);
        DownloadLink link = await client.Files.GetDownloadLinkAsync(file.FileId, Ct);
        await client.Files.DeleteAsync(file.FileId, Ct);

        using var raw = new Raw(server);
        using HttpResponseMessage response = await raw.Http.GetAsync(link.DownloadUrl, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetDownloadLinkAsync(file.FileId, Ct));
        Assert.Equal("Could not find file based on file_id.", error.ServerMessage);
    }

    [Fact]
    public async Task Journal_MasksSecrets_KeepsOtherFields_CountsPerEndpoint()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        await client.Folders.CreateAsync("Visible", cancellationToken: Ct);
        await client.Folders.ListAsync(cancellationToken: Ct);
        await client.Folders.ListAsync(cancellationToken: Ct);

        FakeJournalEntry authorize = Assert.Single(server.Journal.For("authorize"));
        Assert.Equal("***", authorize.Fields["key1"]);
        Assert.Equal("***", authorize.Fields["key2"]);
        FakeJournalEntry create = Assert.Single(server.Journal.For("folder/create"));
        Assert.Equal("***", create.Fields["access_token"]);
        Assert.Equal("Visible", create.Fields["folder_name"]);
        Assert.Equal(2, server.Journal.CountOf("folder/listing"));
        Assert.Equal(2, server.Journal.CountsByEndpoint()["folder/listing"]);
        Assert.DoesNotContain(server.Journal, e => e.Fields.Values.Any(v => v == server.Key1 || v == server.Key2));
    }
}
