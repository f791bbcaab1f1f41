using System.Text;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>
/// The requests a deployed server was recorded answering (shared/api/recorded/), sent again to the fake in the same order:
/// each answer must have the recorded shape (keys, their order, JSON kinds), and errors the recorded words.
/// </summary>
public sealed class RecordedReplayTests
{
    private static readonly byte[] Resume = Encoding.ASCII.GetBytes("0123456789abcdefgh"); // 18 bytes, like the recorded résumé ✓.txt

    [Theory]
    [InlineData(Recorded.Php82Numbers, true, FakeUploadStorage.Memory)]
    [InlineData(Recorded.PhpStrings, false, FakeUploadStorage.Memory)]
    [InlineData(Recorded.Php82Numbers, true, FakeUploadStorage.Disk)] // streaming mode: the same answers from the fake's own middleware
    [InlineData(Recorded.PhpStrings, false, FakeUploadStorage.HashOnly)]
    public async Task Replay_RecordedSession_EveryAnswerShapedLikeTheRecording(string file, bool numbers, FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { DatabaseValuesAsNumbers = numbers, UploadHashAsFalse = true, UploadStorage = storage });
        using var raw = new Raw(server);
        var replay = new Replay(file, raw);
        FakeAccount user = server.DefaultAccount;
        FakeAccount admin = server.AdminAccount;

        RawAnswer authorized = await replay.Shape("01_authorize_user_keys", "authorize", ("key1", user.Key1), ("key2", user.Key2));
        (string Token, string AccountId) old = Session(authorized);
        (string Token, string AccountId) s = Session(await replay.Shape("03_authorize_user_keys_again", "authorize", ("key1", user.Key1), ("key2", user.Key2)));
        await replay.Exact("04_account_info_with_old_token1_after_reauth", "account/info", ("access_token", old.Token), ("account_id", old.AccountId));
        await replay.Shape("12_account_info", "account/info", Auth(s));
        await replay.Exact("14_account_info_missing_account_id_nonadmin", "account/info", ("access_token", s.Token));
        await replay.Shape("16_account_package", "account/package", Auth(s));
        await replay.Exact("17_account_package_missing_account_id", "account/package", ("access_token", s.Token));
        await replay.Exact("18_account_info_invalid_token", "account/info", ("access_token", "INVALIDTOKEN"), ("account_id", s.AccountId));
        await replay.Exact("19_account_info_missing_token", "account/info", ("account_id", s.AccountId));

        string folderA = Id(await replay.Shape("20_folder_create", "folder/create", [.. Auth(s), ("folder_name", "Test Folder A")]));
        JsonElement child = (await replay.Shape("21_folder_create_child_nonascii", "folder/create",
            [.. Auth(s), ("folder_name", "Ünïcødé ✓ \"quoted\" <b>tag</b>"), ("parent_id", folderA), ("is_public", "1")])).Json.GetProperty("data");
        Assert.Equal("Ünïcødé ✓ \"quoted\" tag", child.GetProperty("folderName").GetString());
        Assert.EndsWith("/Ünïcødé_✓__quoted__tag", child.GetProperty("url_folder").GetString(), StringComparison.Ordinal);
        string folderC = Id(await replay.Shape("22_folder_create_second_root", "folder/create",
            [.. Auth(s), ("folder_name", "Test Folder C"), ("is_public", "2"), ("access_password", "5f4dcc3b5aa765d61d8327deb882cf99")]));
        await replay.Exact("23_folder_create_missing_name", "folder/create", Auth(s));
        await replay.Exact("24_folder_create_missing_account_id", "folder/create", ("access_token", s.Token), ("folder_name", "x"));
        await replay.Exact("25_folder_create_wrong_account_id", "folder/create", ("access_token", s.Token), ("account_id", "1"), ("folder_name", "x"));
        await replay.Shape("26_folder_listing_root_empty_files", "folder/listing", Auth(s));
        await replay.Shape("27_folder_listing_in_folderA", "folder/listing", [.. Auth(s), ("parent_folder_id", folderA)]);
        await replay.Shape("29_folder_info", "folder/info", [.. Auth(s), ("folder_id", folderA)]);
        await replay.Shape("30_folder_info_with_password", "folder/info", [.. Auth(s), ("folder_id", folderC)]);
        await replay.Exact("31_folder_info_missing_folder_id", "folder/info", Auth(s));
        await replay.Exact("32_folder_info_nonexistent", "folder/info", [.. Auth(s), ("folder_id", "999999")]);
        await replay.Shape("33_folder_edit", "folder/edit", [.. Auth(s), ("folder_id", folderA), ("folder_name", "Renamed Folder A"), ("is_public", "2")]);
        string childId = Raw.Text(child.GetProperty("id"));
        await replay.Shape("35_folder_move_B_to_C", "folder/move", [.. Auth(s), ("folder_id", childId), ("new_parent_folder_id", folderC)]);
        await replay.Shape("36_folder_move_B_to_root_null", "folder/move", [.. Auth(s), ("folder_id", childId), ("new_parent_folder_id", "null")]);
        await replay.Exact("37_folder_move_to_self", "folder/move", [.. Auth(s), ("folder_id", folderC), ("new_parent_folder_id", folderC)]);
        await replay.Exact("38_folder_move_to_nonexistent", "folder/move", [.. Auth(s), ("folder_id", folderC), ("new_parent_folder_id", "999999")]);

        JsonElement first = await replay.Upload("39_file_upload_nonascii_root", s, "filename=\"résumé ✓.txt\"", Resume);
        Assert.Equal(JsonValueKind.False, first.GetProperty("data")[0].GetProperty("hash").ValueKind);
        string firstId = Raw.Text(first.GetProperty("data")[0].GetProperty("file_id"));
        JsonElement quoted = await replay.Upload("40_file_upload_doublequote_curl_default", s, "filename=\"say \\\"hi\\\".txt\"", "plain text\r\n"u8.ToArray(), folderA);
        Assert.Equal("say %22hi%22.txt", quoted.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.EndsWith("/say__22hi_22.txt", quoted.GetProperty("data")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        await replay.Upload("45_file_upload_zero_bytes", s, "filename=\"empty.txt\"", [], exact: true);
        JsonElement again = await replay.Upload("48_file_upload_same_content_again", s, "filename=\"résumé ✓.txt\"", Resume);
        Assert.Equal("résumé ✓ (2).txt", again.GetProperty("data")[0].GetProperty("name").GetString());

        await replay.Shape("49_file_info", "file/info", [.. Auth(s), ("file_id", firstId)]);
        await replay.Exact("50_file_info_missing_file_id", "file/info", Auth(s));
        await replay.Exact("51_file_info_nonexistent", "file/info", [.. Auth(s), ("file_id", "999999")]);
        await replay.Shape("53_folder_listing_folderA_with_file", "folder/listing", [.. Auth(s), ("parent_folder_id", folderA)]);
        JsonElement edited = (await replay.Shape("56_file_edit", "file/edit", [.. Auth(s), ("file_id", firstId), ("filename", "renamed ✓.TXT"), ("folder_id", folderA)])).Json;
        Assert.Equal("txt", edited.GetProperty("data").GetProperty("extension").GetString());
        await replay.Shape("57_file_move_to_C", "file/move", [.. Auth(s), ("file_id", firstId), ("new_parent_folder_id", folderC)]);
        await replay.Exact("59_file_move_missing_target", "file/move", [.. Auth(s), ("file_id", firstId)]);
        await replay.Shape("62_file_delete", "file/delete", [.. Auth(s), ("file_id", firstId)]);
        await replay.Shape("63_file_info_after_delete", "file/info", [.. Auth(s), ("file_id", firstId)]);
        await replay.Shape("64_file_delete_again", "file/delete", [.. Auth(s), ("file_id", firstId)]);
        await replay.Exact("65_folder_delete", "folder/delete", [.. Auth(s), ("folder_id", folderC)]);
        await replay.Exact("67_folder_delete_nonexistent", "folder/delete", [.. Auth(s), ("folder_id", "999999")]);
        await replay.Shape("68_folder_listing_root_final", "folder/listing", Auth(s));
        await replay.Exact("69_unknown_action", "file/nosuchaction", Auth(s));
        await replay.Exact("72_endpoint_without_action", "folder", Auth(s));
        await replay.Exact("78_non_user_package_listing", "package/listing", ("access_token", s.Token));
        await replay.Exact("79_non_admin_account_create", "account/create",
            ("access_token", s.Token), ("username", "someone1"), ("password", "Passw0rd1"), ("email", "s@example.test"), ("package_id", "1"));

        (string Token, string AccountId) a = Session(await replay.Shape("80_authorize_admin_keys", "authorize", ("key1", admin.Key1), ("key2", admin.Key2)));
        await replay.Shape("81_admin_package_listing", "package/listing", ("access_token", a.Token));
        await replay.Exact("82_admin_account_info_no_account_id", "account/info", ("access_token", a.Token));
        await replay.Shape("83_admin_account_info_user", "account/info", ("access_token", a.Token), ("account_id", s.AccountId));
        string created = Id(await replay.Shape("84_admin_account_create", "account/create",
            ("access_token", a.Token), ("username", "newuser1"), ("password", "NewPas12"), ("email", "newuser1@example.test"), ("package_id", "1"),
            ("status", "active"), ("title", "Dr"), ("firstname", "New"), ("lastname", "User")));
        await replay.Exact("85_admin_account_create_duplicate", "account/create",
            ("access_token", a.Token), ("username", "newuser1"), ("password", "NewPas12"), ("email", "other@example.test"), ("package_id", "1"));
        await replay.Exact("86_admin_account_create_short_username", "account/create",
            ("access_token", a.Token), ("username", "abc"), ("password", "NewPas12"), ("email", "x1@example.test"), ("package_id", "1"));
        await replay.Exact("87_admin_account_create_admin_pkg", "account/create",
            ("access_token", a.Token), ("username", "wannabeadmin"), ("password", "NewPas12"), ("email", "x2@example.test"), ("package_id", "20"));
        await replay.Exact("89_admin_account_create_missing_email", "account/create",
            ("access_token", a.Token), ("username", "newuser2"), ("password", "NewPas12"), ("package_id", "1"));
        await replay.Shape("91_admin_account_edit_without_expiry", "account/edit",
            ("access_token", a.Token), ("account_id", created), ("firstname", "Edited"), ("status", "suspended"), ("title", "Ms"), ("package_id", "1"));
        await replay.Exact("92_admin_account_edit_admin_account", "account/edit", ("access_token", a.Token), ("account_id", a.AccountId), ("firstname", "X"));
        await replay.Exact("93_admin_account_edit_nonexistent", "account/edit", ("access_token", a.Token), ("account_id", "999999"), ("firstname", "X"));
        await replay.Exact("94_admin_account_delete", "account/delete", ("access_token", a.Token), ("account_id", created));
        await replay.Exact("95_admin_account_delete_again", "account/delete", ("access_token", a.Token), ("account_id", created));
        await replay.Exact("96_admin_account_delete_self", "account/delete", ("access_token", a.Token), ("account_id", a.AccountId));
        await replay.Exact("97_admin_folder_listing_requires_account_id", "folder/listing", ("access_token", a.Token));

        await replay.Exact("102_disable_access_token", "disable_access_token", Auth(s));
        await replay.Exact("103_disable_access_token_again", "disable_access_token", Auth(s));
        await replay.Exact("104_account_info_after_disable", "account/info", Auth(s));
        await replay.Shape("105_authorize_username_password", "authorize", ("username", user.Username), ("password", user.Password));
        await replay.Exact("106_authorize_username_wrong_password", "authorize", ("username", user.Username), ("password", "wrong"));
    }

    private static (string Name, string Value)[] Auth((string Token, string AccountId) session) =>
        [("access_token", session.Token), ("account_id", session.AccountId)];

    private static (string Token, string AccountId) Session(RawAnswer answer)
    {
        JsonElement data = answer.Json.GetProperty("data");
        return (data.GetProperty("access_token").GetString()!, Raw.Text(data.GetProperty("account_id")));
    }

    private static string Id(RawAnswer answer) => Raw.Text(answer.Json.GetProperty("data").GetProperty("id"));

    /// <summary>Sends one request and compares its answer with the recorded one of the same case.</summary>
    private sealed class Replay(string file, Raw raw)
    {
        public Task<RawAnswer> Shape(string recordedCase, string path, params (string Name, string Value)[] fields) => Check(recordedCase, path, fields, exact: false);

        public Task<RawAnswer> Exact(string recordedCase, string path, params (string Name, string Value)[] fields) => Check(recordedCase, path, fields, exact: true);

        public async Task<JsonElement> Upload(string recordedCase, (string Token, string AccountId) session, string disposition, byte[] content, string? folderId = null, bool exact = false)
        {
            RecordedAnswer recorded = Recorded.Case(file, recordedCase);
            JsonElement actual = await raw.UploadRawAsync(session, disposition, content, folderId: folderId);
            Compare(recorded, actual, exact);
            return actual;
        }

        private async Task<RawAnswer> Check(string recordedCase, string path, (string Name, string Value)[] fields, bool exact)
        {
            RecordedAnswer recorded = Recorded.Case(file, recordedCase);
            RawAnswer actual = await raw.SendAsync(path, fields);
            Assert.True(recorded.Status == actual.Status, $"{recordedCase}: recorded HTTP {recorded.Status}, fake {actual.Status}");
            Assert.True(recorded.ContentType == actual.ContentType, $"{recordedCase}: recorded Content-Type {recorded.ContentType}, fake {actual.ContentType}");
            Compare(recorded, actual.Json, exact);
            return actual;
        }

        private static void Compare(RecordedAnswer recorded, JsonElement actual, bool exact)
        {
            try
            {
                if (exact)
                {
                    Recorded.AssertSameJson(recorded.Json, actual);
                }
                else
                {
                    Recorded.AssertSameShape(recorded.Json, actual);
                }
            }
            catch (Exception failure) when (failure is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{recorded.Case}: {failure.Message}\nfake: {actual.GetRawText()}");
            }
        }
    }
}
