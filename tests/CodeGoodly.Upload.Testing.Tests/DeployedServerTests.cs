using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>What the recorded deployed server (PHP 8.2 + MariaDB, shared/api/recorded/) does, on the raw HTTP the fake sends.</summary>
public sealed class DeployedServerTests
{
    private const string HtmlDatabaseError = "<p style='border:5px solid red;background-color:#fff;padding:12px;font-family: verdana, sans-serif;'><strong>Database Error:</strong><br/>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---------------------------------------------------------------- PHP 8 numbers

    [Fact]
    public async Task DatabaseValuesAsNumbers_On_DatabaseColumnsAreJsonNumbers()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { DatabaseValuesAsNumbers = true });
        using var raw = new Raw(server);

        JsonElement authorized = (await raw.PostJsonAsync("authorize", ("key1", server.Key1), ("key2", server.Key2))).GetProperty("data");
        Assert.Equal(server.AccountId, authorized.GetProperty("account_id").GetInt64());
        var session = (authorized.GetProperty("access_token").GetString()!, server.AccountId.ToString(CultureInfo.InvariantCulture));

        JsonElement account = (await raw.CallAsync(session, "account/info")).GetProperty("data");
        Assert.Equal(server.AccountId, account.GetProperty("id").GetInt64());
        Assert.Equal(2, account.GetProperty("level_id").GetInt32());
        Assert.Equal(1, account.GetProperty("languageId").GetInt32());
        JsonElement package = (await raw.CallAsync(session, "account/package")).GetProperty("data");
        Assert.Equal(2, package.GetProperty("id").GetInt32());
        Assert.Equal(1073741824, package.GetProperty("max_upload_size").GetInt64());
        Assert.Equal(1, package.GetProperty("can_upload").GetInt32());
        Assert.Equal("paid user", package.GetProperty("level_type").GetString());

        JsonElement parent = (await raw.CallAsync(session, "folder/create", ("folder_name", "Parent"), ("is_public", "2"))).GetProperty("data");
        long parentId = parent.GetProperty("id").GetInt64();
        JsonElement folder = (await raw.CallAsync(session, "folder/create", ("folder_name", "Child"), ("parent_id", Id(parentId)))).GetProperty("data");
        Assert.Equal(parentId, folder.GetProperty("parentId").GetInt64());
        Assert.Equal(0, folder.GetProperty("totalSize").GetInt64());
        Assert.Equal(0, folder.GetProperty("isPublic").GetInt32());
        Assert.Equal(2, parent.GetProperty("isPublic").GetInt32());
        Assert.Equal(JsonValueKind.Number, folder.GetProperty("child_folder_count").ValueKind);

        JsonElement uploaded = (await raw.UploadRawAsync(session, "filename=\"n.txt\"", [1, 2, 3], folderId: Id(parentId))).GetProperty("data")[0];
        long fileId = uploaded.GetProperty("file_id").GetInt64();
        Assert.Equal(3, uploaded.GetProperty("size").GetInt64());

        JsonElement info = (await raw.CallAsync(session, "file/info", ("file_id", Id(fileId)))).GetProperty("data");
        Assert.Equal(fileId, info.GetProperty("id").GetInt64());
        Assert.Equal(3, info.GetProperty("fileSize").GetInt64());
        Assert.Equal(0, info.GetProperty("downloads").GetInt64());
        Assert.Equal(parentId, info.GetProperty("folderId").GetInt64());
        Assert.Equal(1, info.GetProperty("isPublic").GetInt32());
        Assert.Equal("active", info.GetProperty("file_status").GetString());

        JsonElement listing = (await raw.CallAsync(session, "folder/listing", ("parent_folder_id", Id(parentId)))).GetProperty("data");
        Assert.Equal(fileId, listing.GetProperty("files")[0].GetProperty("id").GetInt64());
        Assert.Equal(0, listing.GetProperty("folders")[0].GetProperty("totalSize").GetInt64());
        Assert.Equal(3, (await raw.CallAsync(session, "folder/info", ("folder_id", Id(parentId)))).GetProperty("data").GetProperty("totalSize").GetInt64());
    }

    [Fact]
    public async Task DatabaseValuesAsNumbers_On_DownloadEchoesFileIdAsTheStringSent()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { DatabaseValuesAsNumbers = true });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        long fileId = (await raw.UploadRawAsync(session, "filename=\"d.txt\"", [7])).GetProperty("data")[0].GetProperty("file_id").GetInt64();

        JsonElement link = (await raw.CallAsync(session, "file/download", ("file_id", Id(fileId)))).GetProperty("data");

        Assert.Equal(JsonValueKind.String, link.GetProperty("file_id").ValueKind);
        Assert.Equal(Id(fileId), link.GetProperty("file_id").GetString());
    }

    [Fact]
    public async Task DatabaseValuesAsNumbers_Off_Default_ColumnsAreStringsAndUploadSizeIsANumber()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement uploaded = (await raw.UploadRawAsync(session, "filename=\"s.txt\"", [1, 2])).GetProperty("data")[0];

        Assert.Equal(JsonValueKind.String, uploaded.GetProperty("file_id").ValueKind);
        Assert.Equal(2, uploaded.GetProperty("size").GetInt64()); // computed in PHP: a number on every server recorded
        Assert.Equal("2", (await raw.CallAsync(session, "file/info", ("file_id", uploaded.GetProperty("file_id").GetString()!))).GetProperty("data").GetProperty("fileSize").GetString());
    }

    [Fact]
    public async Task DatabaseValuesAsNumbers_ChangedWhileRunning_NextAnswerFollows()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        Assert.False(server.DatabaseValuesAsNumbers);
        Assert.Equal(JsonValueKind.String, (await raw.CallAsync(session, "account/info")).GetProperty("data").GetProperty("id").ValueKind);

        server.DatabaseValuesAsNumbers = true;

        Assert.Equal(JsonValueKind.Number, (await raw.CallAsync(session, "account/info")).GetProperty("data").GetProperty("id").ValueKind);
    }

    // ---------------------------------------------------------------- the upload answer

    [Fact]
    public async Task UploadHash_Default_IsTheMd5OfTheBytes()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement uploaded = (await raw.UploadRawAsync(session, "filename=\"h.txt\"", "hash me"u8.ToArray())).GetProperty("data")[0];

        Assert.Equal(Md5("hash me"u8.ToArray()), uploaded.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task UploadHashAsFalse_NewContent_HashIsFalse()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadHashAsFalse = true });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement uploaded = (await raw.UploadRawAsync(session, "filename=\"h.txt\"", "new bytes"u8.ToArray())).GetProperty("data")[0];

        Assert.Equal(JsonValueKind.False, uploaded.GetProperty("hash").ValueKind);
        Assert.Equal("h.txt", uploaded.GetProperty("name").GetString());
    }

    [Fact]
    public async Task UploadHashAsFalse_BytesAlreadyStored_HashIsTheirMd5AndSizeTheStoredColumn()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadHashAsFalse = true });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        await raw.UploadRawAsync(session, "filename=\"first.txt\"", "same bytes"u8.ToArray());

        JsonElement again = (await raw.UploadRawAsync(session, "filename=\"second.txt\"", "same bytes"u8.ToArray())).GetProperty("data")[0];

        // As recorded in 48_file_upload_same_content_again: the hash and size of the stored row (a string on PHP < 8.1).
        Assert.Equal(Md5("same bytes"u8.ToArray()), again.GetProperty("hash").GetString());
        Assert.Equal("10", again.GetProperty("size").GetString());
    }

    [Fact]
    public async Task UploadHashAsFalse_ChangedWhileRunning_NextUploadFollows()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        server.UploadHashAsFalse = true;

        Assert.True(server.UploadHashAsFalse);
        Assert.Equal(JsonValueKind.False, (await raw.UploadRawAsync(session, "filename=\"x.txt\"", [5])).GetProperty("data")[0].GetProperty("hash").ValueKind);
    }

    [Fact]
    public async Task Upload_Answer_LinksAsRecorded_UrlWithNameSlugAndHtmlEscapedUrlHtml()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement item = (await raw.UploadRawAsync(session, "filename=\"my report.txt\"", [1])).GetProperty("data")[0];

        string shortUrl = item.GetProperty("short_url").GetString()!;
        string site = server.SiteAddress.AbsoluteUri.TrimEnd('/');
        Assert.Equal($"{site}/{shortUrl}/my_report.txt", item.GetProperty("url").GetString());
        Assert.Equal($"{site}/{shortUrl}~s", item.GetProperty("stats_url").GetString());
        Assert.StartsWith($"{site}/{shortUrl}~d?", item.GetProperty("delete_url").GetString(), StringComparison.Ordinal);
        Assert.Equal($"&lt;a href=&quot;{site}/{shortUrl}/my_report.txt&quot; target=&quot;_blank&quot; title=&quot;View image on File Upload Script&quot;&gt;view my report.txt on File Upload Script&lt;/a&gt;",
            item.GetProperty("url_html").GetString());
        Assert.Contains("<td class=\"name\">my report.txt</td>", item.GetProperty("success_result_html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_DoubleQuoteInName_StoredAsPercent22()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement item = (await raw.UploadRawAsync(session, "filename=\"say \\\"hi\\\".txt\"", [1])).GetProperty("data")[0];

        Assert.Equal("say %22hi%22.txt", item.GetProperty("name").GetString());
        string fileId = item.GetProperty("file_id").GetString()!;
        Assert.Equal("say %22hi%22.txt", (await raw.CallAsync(session, "file/info", ("file_id", fileId))).GetProperty("data").GetProperty("filename").GetString());
        Assert.Equal("say \"hi\".txt", server.Journal.For("file/upload")[0].FileName); // what reached the server
    }

    [Fact]
    public async Task Upload_NameTakenInTheFolder_StoredAsNameWithCounter()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        string folderId = Raw.Text((await raw.CallAsync(session, "folder/create", ("folder_name", "Other"))).GetProperty("data").GetProperty("id"));

        string first = await UploadNameAsync(raw, session, "report.txt");
        string second = await UploadNameAsync(raw, session, "report.txt");
        string third = await UploadNameAsync(raw, session, "report.txt");
        string noExtension = await UploadNameAsync(raw, session, "README");
        string noExtensionAgain = await UploadNameAsync(raw, session, "README");
        string elsewhere = await UploadNameAsync(raw, session, "report.txt", folderId);

        Assert.Equal(["report.txt", "report (2).txt", "report (3).txt", "README", "README (2)", "report.txt"], [first, second, third, noExtension, noExtensionAgain, elsewhere]);
    }

    [Fact]
    public async Task Upload_NameOfATrashedFile_IsFree()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        string fileId = (await raw.UploadRawAsync(session, "filename=\"a.txt\"", [1])).GetProperty("data")[0].GetProperty("file_id").GetString()!;
        await raw.CallAsync(session, "file/delete", ("file_id", fileId));

        Assert.Equal("a.txt", await UploadNameAsync(raw, session, "a.txt"));
    }

    [Fact]
    public async Task Upload_EmptyFile_FilesizeReceivedWasZero_AsRecorded()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement answer = await raw.UploadRawAsync(session, "filename=\"empty.txt\"", []);

        Recorded.AssertSameJson(Recorded.Case(Recorded.Php82Numbers, "45_file_upload_zero_bytes").Json, answer);
    }

    // ---------------------------------------------------------------- parameters

    [Fact]
    public async Task Parameters_StripTagsAndTrim_LikeTheServer()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement folder = (await raw.CallAsync(session, "folder/create", ("folder_name", "  a<b>x</b> <i class=\"q>\">y</i>\t\n"))).GetProperty("data");
        JsonElement kept = (await raw.CallAsync(session, "folder/create", ("folder_name", "1 < 2 > 0"))).GetProperty("data");
        JsonElement unclosed = (await raw.CallAsync(session, "folder/create", ("folder_name", "cut<here"))).GetProperty("data");

        Assert.Equal("ax y", folder.GetProperty("folderName").GetString());
        Assert.Equal("1 < 2 > 0", kept.GetProperty("folderName").GetString());
        Assert.Equal("cut", unclosed.GetProperty("folderName").GetString());
        Assert.Equal("  a<b>x</b> <i class=\"q>\">y</i>\t\n", server.Journal.For("folder/create")[0].Fields["folder_name"]); // the journal keeps what was sent
    }

    [Fact]
    public async Task Parameters_OnlyTagsAndBlanks_AreMissing()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement answer = await raw.CallAsync(session, "folder/create", ("folder_name", " <b></b> "));

        Assert.Equal("Please provide the folder_name param.", answer.GetProperty("response").GetString());
    }

    // ---------------------------------------------------------------- admin endpoints

    [Fact]
    public async Task PackageListing_Admin_PackagesArrayInsideData()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("package/listing", ("access_token", admin.Token));

        JsonElement packages = answer.GetProperty("data").GetProperty("packages");
        Assert.Equal(["1", "2", "3", "20"], packages.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("Admin", packages[3].GetProperty("label").GetString());
        Recorded.AssertSameShape(Recorded.Case(Recorded.PhpStrings, "81_admin_package_listing").Json, answer);
    }

    [Theory]
    [InlineData("package/listing")]
    [InlineData("account/create")]
    [InlineData("account/edit")]
    [InlineData("account/delete")]
    public async Task AdminEndpoint_NonAdmin_ApiUserMustBeAnAdminUser(string endpoint)
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement answer = await raw.PostJsonAsync(endpoint, ("access_token", session.Token), ("account_id", session.AccountId), ("username", "someone1"));

        Assert.Equal("error", answer.GetProperty("status").GetString());
        Assert.Equal("API user must be an admin user for this endpoint.", answer.GetProperty("response").GetString());
        Assert.Equal(1, server.Journal.CountOf(endpoint));
    }

    [Theory]
    [InlineData("username=abcde", "Username must be between 6-16 characters long.")]
    [InlineData("username=abcdefghijklmnopq", "Username must be between 6-16 characters long.")]
    [InlineData("username=", "Please provide the username param.")]
    [InlineData("password=", "Please provide the password param.")]
    [InlineData("email=", "Please provide the email param.")]
    [InlineData("password=Short1", "Password must be at least 8 characters long")]
    [InlineData("password=ThisPasswordIsFarTooLongForThePolicy1", "Password must be less than 32 characters long")]
    [InlineData("package_id=20", "API can not be used to create admin or moderator accounts.")]
    [InlineData("package_id=10", "API can not be used to create admin or moderator accounts.")]
    [InlineData("username=DEMO01", "Username already exists on another account")]
    [InlineData("email=TAKEN@example.com", "Email address already exists on another account")]
    public async Task AccountCreate_Refused_TheServersWords(string change, string expected)
    {
        await using var server = FakeUploadServer.Start();
        server.AddAccount("demo01", "demo01-password");
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);
        await raw.PostJsonAsync("account/create", [("access_token", admin.Token), .. NewUser("taken1", "taken@example.com")]);

        var fields = NewUser("newuser1", "newuser1@example.com").ToDictionary(f => f.Name, f => f.Value);
        fields[change.Split('=')[0]] = change.Split('=', 2)[1];
        JsonElement answer = await raw.PostJsonAsync("account/create", [("access_token", admin.Token), .. fields.Select(f => (f.Key, f.Value))]);

        Assert.Equal("error", answer.GetProperty("status").GetString());
        Assert.Equal(expected, answer.GetProperty("response").GetString());
    }

    [Fact]
    public async Task AccountCreate_AllFields_UserSuccessfullyCreated_AndTheAccountSignsIn()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/create", [("access_token", admin.Token), .. NewUser("newuser1", "newuser1@example.test"), ("title", "Dr"), ("status", "active")]);

        Assert.Equal("User successfully created.", answer.GetProperty("response").GetString());
        JsonElement data = answer.GetProperty("data");
        Assert.Equal("newuser1", data.GetProperty("username").GetString());
        Assert.Equal("1", data.GetProperty("level_id").GetString());
        Assert.Equal("New", data.GetProperty("firstname").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("lastlogindate").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("languageId").ValueKind);
        JsonElement signedIn = await raw.PostJsonAsync("authorize", ("username", "newuser1"), ("password", "NewPas12"));
        Assert.Equal(Raw.Text(data.GetProperty("id")), Raw.Text(signedIn.GetProperty("data").GetProperty("account_id")));
    }

    [Fact]
    public async Task AccountCreate_EmptyFirstAndLastName_Created()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/create",
            ("access_token", admin.Token), ("username", "nonames1"), ("password", "NewPas12"), ("email", "n@example.test"), ("firstname", ""), ("lastname", ""));

        Assert.Equal("User successfully created.", answer.GetProperty("response").GetString());
        Assert.Equal("", answer.GetProperty("data").GetProperty("firstname").GetString());
        Assert.Equal("", answer.GetProperty("data").GetProperty("lastname").GetString());
    }

    [Theory]
    [InlineData("firstname")]
    [InlineData("lastname")]
    public async Task AccountCreate_FirstOrLastNameMissing_Http200HtmlDatabaseError_NothingCreated(string missing)
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);
        (string Name, string Value)[] fields = [("access_token", admin.Token), .. NewUser("nonames1", "n@example.test").Where(f => f.Name != missing)];

        RawAnswer answer = await raw.SendAsync("account/create", fields);

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.StartsWith(HtmlDatabaseError + "PDOException: SQLSTATE[23000]: Integrity constraint violation: 1048 Column '" + missing + "' cannot be null", answer.Body, StringComparison.Ordinal);
        Assert.EndsWith("{main}</p>", answer.Body, StringComparison.Ordinal);
        Assert.Contains("apiAccount->create()", answer.Body, StringComparison.Ordinal);
        Assert.Equal("User successfully created.", (await raw.PostJsonAsync("account/create", [("access_token", admin.Token), .. NewUser("nonames1", "n@example.test")])).GetProperty("response").GetString());
    }

    [Fact]
    public async Task AccountEdit_UserSuccessfullyUpdated_WithTheAccount()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/edit", ("access_token", admin.Token), ("account_id", Id(server.AccountId)), ("firstname", "Edited"), ("status", "suspended"));

        Assert.Equal("User successfully updated.", answer.GetProperty("response").GetString());
        Assert.Equal("Edited", answer.GetProperty("data").GetProperty("firstname").GetString());
        Assert.Equal("suspended", answer.GetProperty("data").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("account/edit", "", "Please provide the account_id param of the account to edit.")]
    [InlineData("account/edit", "999999", "Failed loading a user account with the supplied account_id.")]
    [InlineData("account/edit", "admin", "You can not edit admin accounts via the API.")]
    [InlineData("account/delete", "", "Please provide the account_id param of the account to edit.")]
    [InlineData("account/delete", "999999", "Failed loading a user account with the supplied account_id.")]
    [InlineData("account/delete", "admin", "You can not delete admin accounts via the API.")]
    public async Task AccountEditDelete_Refused_TheServersWords(string endpoint, string accountId, string expected)
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync(endpoint, ("access_token", admin.Token), ("account_id", accountId == "admin" ? admin.AccountId : accountId), ("firstname", "X"));

        Assert.Equal("error", answer.GetProperty("status").GetString());
        Assert.Equal(expected, answer.GetProperty("response").GetString());
    }

    [Fact]
    public async Task AccountEdit_ToAnAdminPackage_Refused()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/edit", ("access_token", admin.Token), ("account_id", Id(server.AccountId)), ("package_id", "20"));

        Assert.Equal("API can not be used to create admin or moderator accounts.", answer.GetProperty("response").GetString());
        JsonElement unchanged = await raw.PostJsonAsync("account/info", ("access_token", admin.Token), ("account_id", Id(server.AccountId)));
        Assert.Equal("2", unchanged.GetProperty("data").GetProperty("level_id").GetString());
    }

    [Fact]
    public async Task AccountDelete_UserSuccessfullyDeleted_NoData_TheAccountCanNoLongerSignIn()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/delete", ("access_token", admin.Token), ("account_id", Id(server.AccountId)));

        Assert.Equal("User successfully deleted.", answer.GetProperty("response").GetString());
        Assert.Equal("success", answer.GetProperty("_status").GetString());
        Assert.False(answer.TryGetProperty("data", out _));
        JsonElement refused = await raw.PostJsonAsync("authorize", ("key1", server.Key1), ("key2", server.Key2));
        Assert.StartsWith("Could not authenticate user.", refused.GetProperty("response").GetString(), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- /account/info as administrator

    [Fact]
    public async Task AccountInfo_AdminWithoutAccountId_DataFalse()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        RawAnswer answer = await raw.SendAsync("account/info", ("access_token", admin.Token));

        Assert.Matches("""^\{"data":false,"_status":"success","_datetime":"[0-9 :-]{19}"\}$""", answer.Body);
    }

    [Fact]
    public async Task AccountInfo_AdminWithUnknownAccountId_DataFalse()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/info", ("access_token", admin.Token), ("account_id", "999999"));

        Assert.Equal(JsonValueKind.False, answer.GetProperty("data").ValueKind);
        Assert.Equal("success", answer.GetProperty("_status").GetString());
    }

    [Fact]
    public async Task AccountInfo_AdminWithAUsersAccountId_ThatAccount()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var admin = await raw.AuthorizeAsync(server.AdminAccount);

        JsonElement answer = await raw.PostJsonAsync("account/info", ("access_token", admin.Token), ("account_id", Id(server.AccountId)));

        Assert.Equal(server.Username, answer.GetProperty("data").GetProperty("username").GetString());
    }

    [Fact]
    public async Task AccountInfo_UserWithoutAccountId_PleaseProvide()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement answer = await raw.PostJsonAsync("account/info", ("access_token", session.Token));

        Assert.Equal("Please provide the account_id param.", answer.GetProperty("response").GetString());
    }

    // ---------------------------------------------------------------- the PHP session cookie and Content-Type

    [Fact]
    public async Task EveryAnswer_SetsAPhpSessionCookie_AndJsonWithoutCharset()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        RawAnswer success = await raw.SendAsync("folder/listing", ("access_token", session.Token), ("account_id", session.AccountId));
        RawAnswer error = await raw.SendAsync("folder/listing", ("access_token", "nope"), ("account_id", session.AccountId));
        RawAnswer unknown = await raw.SendAsync("file/nosuchaction");

        foreach (RawAnswer answer in new[] { success, error, unknown })
        {
            string cookie = Assert.Single(answer.SetCookies);
            Assert.Matches("^filehosting=[a-z0-9]{26}; path=/$", cookie);
            Assert.Equal("application/json", answer.ContentType);
        }

        Assert.NotEqual(success.SetCookies[0], error.SetCookies[0]); // a request without the cookie starts a new session
    }

    [Fact]
    public async Task DownloadGet_SetsAPhpSessionCookie()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        string fileId = (await raw.UploadRawAsync(session, "filename=\"c.txt\"", [1])).GetProperty("data")[0].GetProperty("file_id").GetString()!;
        string url = (await raw.CallAsync(session, "file/download", ("file_id", fileId))).GetProperty("data").GetProperty("download_url").GetString()!;

        using HttpResponseMessage response = await raw.Http.GetAsync(new Uri(url), Ct);

        Assert.Matches("^filehosting=[a-z0-9]{26}; path=/$", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task SessionCookie_SentBack_NoNewCookie()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        using var withCookie = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "folder/listing"));
        withCookie.Headers.Add("Cookie", "other=1; filehosting=abcdefghijklmnopqrstuvwxyz");

        using HttpResponseMessage answered = await raw.Http.SendAsync(withCookie, Ct);

        Assert.False(answered.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Journal_RequestWithCookie_HadCookieTrue()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        using var withCookie = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "folder/listing"));
        withCookie.Headers.Add("Cookie", "filehosting=abc");

        using HttpResponseMessage answered = await raw.Http.SendAsync(withCookie, Ct);
        await raw.SendAsync("folder/listing");

        Assert.Equal([true, false], server.Journal.For("folder/listing").Select(e => e.HadCookie));
    }

    private static (string Name, string Value)[] NewUser(string username, string email) =>
        [("username", username), ("password", "NewPas12"), ("email", email), ("package_id", "1"), ("firstname", "New"), ("lastname", "User")];

    private static async Task<string> UploadNameAsync(Raw raw, (string Token, string AccountId) session, string name, string? folderId = null) =>
        (await raw.UploadRawAsync(session, $"filename=\"{name}\"", Encoding.UTF8.GetBytes(name + Guid.NewGuid()), folderId: folderId)).GetProperty("data")[0].GetProperty("name").GetString()!;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
}
