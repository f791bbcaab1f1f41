using CodeGoodly.Upload.Tests.Support;
using static CodeGoodly.Upload.Tests.Recorded.Expectation;

namespace CodeGoodly.Upload.Tests.Recorded;

/// <summary>
/// The expectation of every recorded case, by case name (both recordings hold the same cases with the same outcomes; they
/// differ in numbers as JSON numbers or strings, dates and hashes, which the checks below do not pin). A recorded case
/// missing here fails <see cref="RecordedAnswerTests"/>: a new recording needs a decision, not a default.
/// </summary>
internal static class RecordedExpectations
{
    /// <summary>The token in every recorded <c>/authorize</c> answer (the recorder replaced real tokens by 128 <c>T</c>s).</summary>
    public const string RecordedToken =
        "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";

    private const string UnknownPath =
        "the SDK never asks for this path; its answer is what a server without the SDK's paths gives every request (a BaseAddress "
        + "without /api/v2/), so it is served for every path and met by the first request, /authorize";

    private static readonly NewAccount NewUser = new()
    {
        Username = "newuser1", Password = "NewPas12", Email = "newuser1@example.test", PackageId = 1, Status = "active", Title = "Dr", FirstName = "New", LastName = "User",
    };

    private static readonly AccountChanges AccountEdit = new() { FirstName = "Edited", Status = "suspended", Title = "Ms", PackageId = 1 };

    public static readonly IReadOnlyDictionary<string, Expectation> ByCase = new Dictionary<string, Expectation>
    {
        ["01_authorize_user_keys"] = SignsIn("2"),
        ["02_account_info_with_token1"] = AccountInfo(ApiUser),
        ["03_authorize_user_keys_again"] = SignsIn("2"),
        ["04_account_info_with_old_token1_after_reauth"] = AccountInfoFails(UploadErrorKind.Authentication) with { Reached = SignedInAgainOnce },
        ["05_authorize_GET_querystring"] = SignsIn("2"),
        ["06_authorize_wrong_keys"] = SignInFails(),
        ["07_authorize_short_key1"] = SignInFails(),
        ["08_authorize_missing_key2"] = SignInFails(),
        ["09_authorize_no_params"] = SignInFails(),
        ["10_authorize_json_body"] = SignInFails(),
        ["11_authorize_user_keys_final"] = SignsIn("2"),
        ["12_account_info"] = AccountInfo(ApiUser),
        ["13_account_info_GET"] = AccountInfo(ApiUser),
        ["14_account_info_missing_account_id_nonadmin"] = AccountInfoFails(UploadErrorKind.InvalidArgument),
        ["15_account_info_other_users_id_nonadmin"] = AccountInfo(account =>
        {
            Assert.Equal(1, account.Id);
            Assert.Equal("admin", account.Username);
            Assert.Equal(20, account.LevelId);
            Assert.Equal("Admin", account.FirstName);
            Assert.Equal("Account", account.LastName);
            Assert.Equal(1, account.LanguageId);
            Assert.Null(account.DateCreated);
            Assert.Equal(new DateTime(2015, 12, 31, 13, 29, 31), account.LastPayment?.DateTime);
            Assert.Equal(new DateTime(2015, 12, 31, 13, 29, 31), account.PaidExpiryDate?.DateTime);
        }),
        ["16_account_package"] = Returns("Account.GetPackageAsync()", (c, ct) => c.Account.GetPackageAsync(ct), RegisteredUserPackage),
        ["17_account_package_missing_account_id"] = Throws("Account.GetPackageAsync()", (c, ct) => c.Account.GetPackageAsync(ct), UploadErrorKind.InvalidArgument),
        ["18_account_info_invalid_token"] = AccountInfoFails(UploadErrorKind.Authentication) with { Reached = SignedInAgainOnce },
        ["19_account_info_missing_token"] = AccountInfoFails(UploadErrorKind.Authentication),
        ["20_folder_create"] = CreateFolder(folder => AssertFolder(folder, 1, null, "Test Folder A", FolderVisibility.Private, childFolders: 0)),
        ["21_folder_create_child_nonascii"] = CreateFolder(folder => AssertFolder(folder, 2, 1, "Ünïcødé ✓ \"quoted\" tag", FolderVisibility.Unlisted)),
        ["22_folder_create_second_root"] = CreateFolder(folder =>
        {
            AssertFolder(folder, 3, null, "Test Folder C", FolderVisibility.Public);
            Assert.Equal("5f4dcc3b5aa765d61d8327deb882cf99", folder.AccessPassword);
        }),
        ["23_folder_create_missing_name"] = CreateFolderFails(UploadErrorKind.InvalidArgument),
        ["24_folder_create_missing_account_id"] = CreateFolderFails(UploadErrorKind.InvalidArgument),
        ["25_folder_create_wrong_account_id"] = CreateFolderFails(UploadErrorKind.Authentication) with { Reached = SignedInAgainOnce },
        ["26_folder_listing_root_empty_files"] = ListFolder(listing =>
        {
            Assert.Equal([1L, 3L], listing.Folders.Select(f => f.Id.Value));
            AssertFolder(listing.Folders[0], 1, null, "Test Folder A", FolderVisibility.Private, childFolders: 1);
            Assert.Empty(listing.Files);
        }),
        ["27_folder_listing_in_folderA"] = ListFolder(listing =>
        {
            AssertFolder(Assert.Single(listing.Folders), 2, 1, "Ünïcødé ✓ \"quoted\" tag", FolderVisibility.Unlisted);
            Assert.Empty(listing.Files);
        }),
        ["28_folder_listing_nonexistent"] = ListFolderFails(UploadErrorKind.NotFound),
        ["29_folder_info"] = FolderInfo(folder => AssertFolder(folder, 1, null, "Test Folder A", FolderVisibility.Private, childFolders: 1)),
        ["30_folder_info_with_password"] = FolderInfo(folder =>
        {
            AssertFolder(folder, 3, null, "Test Folder C", FolderVisibility.Public);
            Assert.Equal("5f4dcc3b5aa765d61d8327deb882cf99", folder.AccessPassword);
        }),
        ["31_folder_info_missing_folder_id"] = FolderInfoFails(UploadErrorKind.InvalidArgument),
        ["32_folder_info_nonexistent"] = FolderInfoFails(UploadErrorKind.NotFound),
        ["33_folder_edit"] = EditFolder(folder => AssertFolder(folder, 1, null, "Renamed Folder A", FolderVisibility.Public, childFolders: 1)),
        ["34_folder_edit_nothing"] = EditFolder(folder => AssertFolder(folder, 1, null, "Renamed Folder A", FolderVisibility.Public, childFolders: 1)),
        ["35_folder_move_B_to_C"] = MoveFolder(folder => AssertFolder(folder, 2, 3, "Ünïcødé ✓ \"quoted\" tag", FolderVisibility.Unlisted)),
        ["36_folder_move_B_to_root_null"] = MoveFolder(folder => AssertFolder(folder, 2, null, "Ünïcødé ✓ \"quoted\" tag", FolderVisibility.Unlisted)),
        ["37_folder_move_to_self"] = MoveFolderFails(UploadErrorKind.InvalidArgument),
        ["38_folder_move_to_nonexistent"] = MoveFolderFails(UploadErrorKind.NotFound),
        ["39_file_upload_nonascii_root"] = Upload(file => AssertUploaded(file, 1, "résumé ✓.txt", 18, "b", hash: null)),
        ["40_file_upload_doublequote_curl_default"] = Upload(file => AssertUploaded(file, 2, "say %22hi%22.txt", 12, "c", hash: null)),
        ["41_file_upload_doublequote_backslash_escaped_raw"] = Upload(file => AssertUploaded(file, 3, "quote %22escaped%22 name.txt", 23, "d", hash: null)),
        ["42_file_upload_dotnet_style_encoded_word_and_filenamestar"] = Upload(file =>
            AssertUploaded(file, 4, "=?utf-8?B?csOpc3Vtw6kg4pyTIGRvdG5ldC50eHQ=?=", 35, "e", hash: null)),
        ["43_file_upload_only_filenamestar"] = UploadFails(UploadErrorKind.InvalidArgument),
        ["44_file_upload_chunked_transfer_encoding"] = Upload(file => AssertUploaded(file, 5, "chunked.txt", 21, "f", hash: null)),
        ["45_file_upload_zero_bytes"] = UploadFails(UploadErrorKind.InvalidArgument),
        ["46_file_upload_no_file"] = UploadFails(UploadErrorKind.InvalidArgument),
        ["47_file_upload_wrong_field_name"] = UploadFails(UploadErrorKind.InvalidArgument),
        ["48_file_upload_same_content_again"] = Upload(file => AssertUploaded(file, 6, "résumé ✓ (2).txt", 18, "g", hash: "a273eecb7e7359a5075acc7a7ae50c25")),
        ["49_file_info"] = FileInfo(file =>
        {
            AssertFile(file, 1, "résumé ✓.txt", folderId: null, status: "active");
            Assert.Equal("résumé,✓,txt", file.Keywords);
        }),
        ["50_file_info_missing_file_id"] = FileInfoFails(UploadErrorKind.InvalidArgument),
        ["51_file_info_nonexistent"] = FileInfoFails(UploadErrorKind.NotFound),
        ["52_folder_listing_root_with_files"] = ListFolder(listing =>
        {
            AssertRootAfterUploads(listing);
            Assert.Equal([4L, 5L, 3L, 6L, 1L], listing.Files.Select(f => f.Id.Value));
        }),
        ["53_folder_listing_folderA_with_file"] = ListFolder(listing =>
        {
            Assert.Empty(listing.Folders);
            FileDetails file = Assert.Single(listing.Files);
            Assert.Equal(new FileId(2), file.Id);
            Assert.Equal("say %22hi%22.txt", file.FileName);
            Assert.Equal(new FolderId(1), file.FolderId);
            Assert.Equal(12, file.FileSize);
            Assert.Equal("active", file.Status);
        }),
        ["54_file_download"] = Throws("Files.GetDownloadLinkAsync(1)", (c, ct) => c.Files.GetDownloadLinkAsync(new FileId(1), ct), UploadErrorKind.UnexpectedResponse)
            with { MessageContains = "Database Error", Impossible = "the server failed: an HTML \"Database Error\" page (PDOException) with HTTP 200 and Content-Type application/json" },
        ["55_file_download_url_fetch"] = Throws("Files.DownloadAsync(1)", (c, ct) => c.Files.DownloadAsync(new FileId(1), new MemoryStream(), cancellationToken: ct), UploadErrorKind.UnexpectedResponse) with
        {
            ServeAt = "file/download",
            MessageContains = "Database Error",
            Reached = api => Assert.Equal(["/api/v2/authorize", "/api/v2/file/download"], api.Paths()), // no GET of a missing download_url
            Impossible = "no HTTP exchange: the recorder fetched the download_url of case 54, which had none (curl -G null, status 0); its body "
                + "is case 54's Database Error page, served here as /file/download's answer: the SDK must stop there and fetch nothing",
        },
        ["56_file_edit"] = EditFile(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: 1, status: "active")),
        ["57_file_move_to_C"] = MoveFile(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: 3, status: "active")),
        ["58_file_move_to_root_null"] = MoveFile(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: null, status: "active")),
        ["59_file_move_missing_target"] = MoveFileFails(UploadErrorKind.InvalidArgument),
        ["60_file_copy_to_A"] = CopyFileFails(UploadErrorKind.NotFound),
        ["61_file_copy_to_root_null"] = CopyFileFails(UploadErrorKind.NotFound),
        ["62_file_delete"] = DeleteFile(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: null, status: "trash")),
        ["63_file_info_after_delete"] = FileInfo(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: null, status: "trash")),
        ["64_file_delete_again"] = DeleteFile(file => AssertFile(file, 1, "renamed ✓.TXT", folderId: null, status: "trash")),
        ["65_folder_delete"] = Completes("Folders.DeleteAsync(3)", (c, ct) => c.Folders.DeleteAsync(new FolderId(3), ct)),
        ["66_folder_info_after_delete"] = FolderInfo(folder =>
        {
            AssertFolder(folder, 3, null, "Test Folder C", FolderVisibility.Public);
            Assert.NotNull(folder.DateUpdated);
        }),
        ["67_folder_delete_nonexistent"] = Throws("Folders.DeleteAsync(999999)", (c, ct) => c.Folders.DeleteAsync(new FolderId(999999), ct), UploadErrorKind.NotFound),
        ["68_folder_listing_root_final"] = ListFolder(RootAtTheEnd),
        ["69_unknown_action"] = WrongAddress(),
        ["70_unknown_endpoint"] = WrongAddress(),
        ["71_empty_path"] = WrongAddress(),
        ["72_endpoint_without_action"] = WrongAddress(),
        ["73_uppercase_path"] = ListFolder(RootAtTheEnd),
        ["74_method_DELETE_form_body"] = ListFolderFails(UploadErrorKind.Authentication),
        ["75_method_PUT_querystring"] = ListFolder(RootAtTheEnd),
        ["76_method_PATCH"] = ListFolderFails(UploadErrorKind.InvalidArgument) with
        {
            Impossible = "the SDK only POSTs; the server's answer to a PATCH is HTTP 405 with a PHP fatal error page, read by its status",
        },
        ["77_x_http_method_bogus"] = ListFolderFails(UploadErrorKind.InvalidArgument),
        ["78_non_user_package_listing"] = Throws("Admin.ListPackagesAsync()", (c, ct) => c.Admin.ListPackagesAsync(ct), UploadErrorKind.Forbidden),
        ["79_non_admin_account_create"] = CreateAccountFails(UploadErrorKind.Forbidden),
        ["80_authorize_admin_keys"] = SignsIn("1"),
        ["81_admin_package_listing"] = Returns("Admin.ListPackagesAsync()", (c, ct) => c.Admin.ListPackagesAsync(ct), packages =>
        {
            Assert.Equal([1L, 20L, 112L], packages.Select(p => p.Id));
            RegisteredUserPackage(packages[0]);
            Assert.Equal("Admin", packages[1].Label);
            Assert.Equal("admin", packages[1].LevelType);
            Assert.True(packages[1].ShowUpgradeScreen);
            Assert.Equal(1000, packages[1].ConcurrentUploads);
            Assert.Equal(50, packages[1].MaxRemoteDownloadUrls);
            Assert.Equal("Non User", packages[2].Label);
            Assert.False(packages[2].CanUpload);
            Assert.Equal(1, packages[2].MaxUploadSize);
            Assert.Equal(1, packages[2].MaxStorageBytes);
            Assert.Equal("nonuser", packages[2].LevelType);
        }),
        ["82_admin_account_info_no_account_id"] = AccountInfoFails(UploadErrorKind.UnexpectedResponse) with
        {
            Impossible = "\"data\": false answers an administrator's /account/info without account_id; the SDK always sends one, and no account is no AccountInfo",
        },
        ["83_admin_account_info_user"] = AccountInfo(ApiUser),
        ["84_admin_account_create"] = Returns("Admin.CreateAccountAsync(newuser1)", (c, ct) => c.Admin.CreateAccountAsync(NewUser, ct), account =>
        {
            Assert.Equal(3, account.Id);
            Assert.Equal("newuser1", account.Username);
            Assert.Equal(1, account.LevelId);
            Assert.Equal("newuser1@example.test", account.Email);
            Assert.Equal("active", account.Status);
            Assert.Equal("Dr", account.Title);
            Assert.Equal("New", account.FirstName);
            Assert.Equal("User", account.LastName);
            Assert.Null(account.LastLoginDate);
            Assert.Null(account.LastLoginIp);
            Assert.NotNull(account.DateCreated);
        }),
        ["85_admin_account_create_duplicate"] = CreateAccountFails(UploadErrorKind.InvalidArgument),
        ["86_admin_account_create_short_username"] = CreateAccountFails(UploadErrorKind.InvalidArgument),
        ["87_admin_account_create_admin_pkg"] = CreateAccountFails(UploadErrorKind.Forbidden),
        ["88_admin_account_create_password_10_chars"] = CreateAccountFails(UploadErrorKind.InvalidArgument),
        ["89_admin_account_create_missing_email"] = CreateAccountFails(UploadErrorKind.InvalidArgument),
        ["90_admin_account_edit"] = EditAccountFails(UploadErrorKind.UnexpectedResponse) with
        {
            MessageContains = "Database Error",
            Impossible = "the server failed: an HTML \"Database Error\" page (unknown column paid_expiry_date) with HTTP 200 and Content-Type application/json",
        },
        ["91_admin_account_edit_without_expiry"] = Returns("Admin.EditAccountAsync(3)", (c, ct) => c.Admin.EditAccountAsync(3, AccountEdit, ct), account =>
        {
            Assert.Equal(3, account.Id);
            Assert.Equal("newuser1", account.Username);
            Assert.Equal("suspended", account.Status);
            Assert.Equal("Ms", account.Title);
            Assert.Equal("Edited", account.FirstName);
        }),
        ["92_admin_account_edit_admin_account"] = EditAccountFails(UploadErrorKind.Forbidden),
        ["93_admin_account_edit_nonexistent"] = EditAccountFails(UploadErrorKind.NotFound),
        ["94_admin_account_delete"] = Completes("Admin.DeleteAccountAsync(3)", (c, ct) => c.Admin.DeleteAccountAsync(3, ct)),
        ["95_admin_account_delete_again"] = DeleteAccountFails(UploadErrorKind.NotFound),
        ["96_admin_account_delete_self"] = DeleteAccountFails(UploadErrorKind.Forbidden),
        ["97_admin_folder_listing_requires_account_id"] = ListFolderFails(UploadErrorKind.InvalidArgument),
        ["98_authorize_for_expiry"] = SignsIn("2"),
        ["99_expiry_token_first_use"] = AccountInfo(ApiUser),
        ["100_expiry_token_after_61min_idle"] = AccountInfoFails(UploadErrorKind.Authentication) with { Reached = SignedInAgainOnce },
        ["101_authorize_for_disable"] = SignsIn("2"),
        ["102_disable_access_token"] = SignsOut(),
        // The server had already dropped the token: SignOutAsync reads the Authentication error as "signed out", by design.
        ["103_disable_access_token_again"] = SignsOut(),
        ["104_account_info_after_disable"] = AccountInfoFails(UploadErrorKind.Authentication) with { Reached = SignedInAgainOnce },
        ["105_authorize_username_password"] = SignsIn("2"),
        ["106_authorize_username_wrong_password"] = SignInFails(),
        ["107_authorize_keys_while_in_password_mode"] = SignInFails(),
    };

    // ---- sign-in and sign-out ----

    /// <summary>An /authorize answer: the SDK signs in with it and sends its token and account id with the next call.</summary>
    private static Expectation SignsIn(string accountId) => AccountInfo(ApiUser) with
    {
        Call = "Account.GetInfoAsync() after signing in",
        Reached = api =>
        {
            IReadOnlyDictionary<string, string> form = ApiServer.FormOf(Assert.Single(api.RequestsTo("account/info")));
            Assert.Equal(RecordedToken, form["access_token"]);
            Assert.Equal(accountId, form["account_id"]);
        },
    };

    private static Expectation SignInFails() => AccountInfoFails(UploadErrorKind.Authentication) with
    {
        FailsAt = "authorize",
        Reached = api => Assert.Equal(["/api/v2/authorize"], api.Paths()),
    };

    private static Expectation SignsOut() => Completes("Account.GetInfoAsync(), then SignOutAsync()", async (c, ct) =>
    {
        await c.Account.GetInfoAsync(ct);
        await c.SignOutAsync(ct);
    }) with
    {
        Reached = api => Assert.Equal(RecordedToken, ApiServer.FormOf(Assert.Single(api.RequestsTo("disable_access_token")))["access_token"]),
    };

    /// <summary>The answer of a path the SDK never asks for: what it meets when its BaseAddress lacks /api/v2/.</summary>
    private static Expectation WrongAddress() => AccountInfoFails(UploadErrorKind.UnexpectedResponse) with
    {
        FailsAt = "authorize",
        MessageContains = "/api/v2/",
        Impossible = UnknownPath,
    };

    private static void SignedInAgainOnce(ApiServer api) => Assert.Equal(2, api.RequestsTo("authorize").Count); // MaxReauthorizations = 1

    // ---- calls, one pair per endpoint ----

    private static Expectation AccountInfo(Action<AccountInfo> check) => Returns("Account.GetInfoAsync()", (c, ct) => c.Account.GetInfoAsync(ct), check);

    private static Expectation AccountInfoFails(UploadErrorKind kind) => Throws("Account.GetInfoAsync()", (c, ct) => c.Account.GetInfoAsync(ct), kind);

    private static Expectation CreateFolder(Action<FolderDetails> check) => Returns("Folders.CreateAsync(\"Test Folder A\")", (c, ct) => c.Folders.CreateAsync("Test Folder A", cancellationToken: ct), check);

    private static Expectation CreateFolderFails(UploadErrorKind kind) => Throws("Folders.CreateAsync(\"x\")", (c, ct) => c.Folders.CreateAsync("x", cancellationToken: ct), kind);

    private static Expectation ListFolder(Action<FolderListing> check) => Returns("Folders.ListAsync()", (c, ct) => c.Folders.ListAsync(cancellationToken: ct), check);

    private static Expectation ListFolderFails(UploadErrorKind kind) => Throws("Folders.ListAsync(999999)", (c, ct) => c.Folders.ListAsync(new FolderId(999999), ct), kind);

    private static Expectation FolderInfo(Action<FolderDetails> check) => Returns("Folders.GetInfoAsync(1)", (c, ct) => c.Folders.GetInfoAsync(new FolderId(1), ct), check);

    private static Expectation FolderInfoFails(UploadErrorKind kind) => Throws("Folders.GetInfoAsync(999999)", (c, ct) => c.Folders.GetInfoAsync(new FolderId(999999), ct), kind);

    private static Expectation EditFolder(Action<FolderDetails> check) =>
        Returns("Folders.EditAsync(1)", (c, ct) => c.Folders.EditAsync(new FolderId(1), new FolderChanges("Renamed Folder A", Visibility: FolderVisibility.Public), ct), check);

    private static Expectation MoveFolder(Action<FolderDetails> check) => Returns("Folders.MoveAsync(2, 3)", (c, ct) => c.Folders.MoveAsync(new FolderId(2), new FolderId(3), ct), check);

    private static Expectation MoveFolderFails(UploadErrorKind kind) => Throws("Folders.MoveAsync(2, 2)", (c, ct) => c.Folders.MoveAsync(new FolderId(2), new FolderId(2), ct), kind);

    private static Expectation Upload(Action<UploadedFile> check) =>
        Returns("Files.UploadAsync(\"résumé ✓.txt\")", (c, ct) => c.Files.UploadAsync(new MemoryStream("hello, résumé ✓\n"u8.ToArray()), "résumé ✓.txt", cancellationToken: ct), check);

    private static Expectation UploadFails(UploadErrorKind kind) =>
        Throws("Files.UploadAsync(\"a.txt\")", (c, ct) => c.Files.UploadAsync(new MemoryStream("hello"u8.ToArray()), "a.txt", cancellationToken: ct), kind);

    private static Expectation FileInfo(Action<FileDetails> check) => Returns("Files.GetInfoAsync(1)", (c, ct) => c.Files.GetInfoAsync(new FileId(1), ct), check);

    private static Expectation FileInfoFails(UploadErrorKind kind) => Throws("Files.GetInfoAsync(999999)", (c, ct) => c.Files.GetInfoAsync(new FileId(999999), ct), kind);

    private static Expectation EditFile(Action<FileDetails> check) =>
        Returns("Files.EditAsync(1)", (c, ct) => c.Files.EditAsync(new FileId(1), new FileChanges("renamed ✓.TXT", FolderId: new FolderId(1)), ct), check);

    private static Expectation MoveFile(Action<FileDetails> check) => Returns("Files.MoveAsync(1, 3)", (c, ct) => c.Files.MoveAsync(new FileId(1), new FolderId(3), ct), check);

    private static Expectation MoveFileFails(UploadErrorKind kind) => Throws("Files.MoveAsync(1, 3)", (c, ct) => c.Files.MoveAsync(new FileId(1), new FolderId(3), ct), kind);

    private static Expectation CopyFileFails(UploadErrorKind kind) => Throws("Files.CopyAsync(1, 1)", (c, ct) => c.Files.CopyAsync(new FileId(1), new FolderId(1), ct), kind);

    private static Expectation DeleteFile(Action<FileDetails> check) => Returns("Files.DeleteAsync(1)", (c, ct) => c.Files.DeleteAsync(new FileId(1), ct), check);

    private static Expectation CreateAccountFails(UploadErrorKind kind) => Throws("Admin.CreateAccountAsync(newuser1)", (c, ct) => c.Admin.CreateAccountAsync(NewUser, ct), kind);

    private static Expectation EditAccountFails(UploadErrorKind kind) => Throws("Admin.EditAccountAsync(3)", (c, ct) => c.Admin.EditAccountAsync(3, AccountEdit, ct), kind);

    private static Expectation DeleteAccountFails(UploadErrorKind kind) => Throws("Admin.DeleteAccountAsync(3)", (c, ct) => c.Admin.DeleteAccountAsync(3, ct), kind);

    // ---- the records' key fields ----

    private static void ApiUser(AccountInfo account)
    {
        Assert.Equal(2, account.Id);
        Assert.Equal("apiuser", account.Username);
        Assert.Equal(1, account.LevelId);
        Assert.Equal("apiuser@example.test", account.Email);
        Assert.Equal("127.0.0.1", account.LastLoginIp);
        Assert.Equal("active", account.Status);
        Assert.Equal("Mr", account.Title);
        Assert.Equal("Api", account.FirstName);
        Assert.Equal("User", account.LastName);
        Assert.Null(account.LanguageId);
        Assert.NotNull(account.LastLoginDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 4, 6, 19, TimeSpan.Zero), account.DateCreated); // the server's zone: UTC
        Assert.Null(account.LastPayment);
        Assert.Null(account.PaidExpiryDate);
        Assert.Null(account.StorageLimitOverride);
    }

    private static void RegisteredUserPackage(AccountPackage package)
    {
        Assert.Equal(1, package.Id);
        Assert.Equal("Registered User", package.Label);
        Assert.Equal(5_368_709_120, package.MaxUploadSize);
        Assert.True(package.CanUpload);
        Assert.False(package.ShowUpgradeScreen);
        Assert.Equal(0, package.ConcurrentUploads);
        Assert.Equal("free", package.LevelType);
        Assert.False(package.OnUpgradePage);
    }

    private static void AssertFolder(FolderDetails folder, long id, long? parentId, string name, FolderVisibility visibility, int childFolders = 0)
    {
        Assert.Equal(new FolderId(id), folder.Id);
        Assert.Equal(parentId is long parent ? new FolderId(parent) : null, folder.ParentId);
        Assert.Equal(name, folder.FolderName);
        Assert.Equal(visibility, folder.Visibility);
        Assert.Equal(childFolders, folder.ChildFolderCount);
        Assert.Equal(0, folder.TotalDownloads);
        Assert.NotNull(folder.DateAdded);
        Assert.Equal($"/folder/{id}/", folder.UrlFolder?.AbsolutePath[..$"/folder/{id}/".Length]);
    }

    private static void AssertUploaded(UploadedFile file, long id, string name, long size, string shortUrl, string? hash)
    {
        Assert.Equal(new FileId(id), file.FileId);
        Assert.Equal(name, file.Name);
        Assert.Equal(size, file.Size);
        Assert.Equal("application/octet-stream", file.Type);
        Assert.Equal(shortUrl, file.ShortUrl);
        Assert.Equal(hash, file.Hash); // "hash": false is "none", never "0"
        Assert.Matches("^[0-9a-f]{32}$", file.DeleteHash);
        Assert.Matches("^[0-9a-f]{64}$", file.UniqueHash);
        Assert.Equal($"/{shortUrl}~s", file.StatsUrl?.AbsolutePath);
        Assert.NotNull(file.Url);
        Assert.NotNull(file.DeleteUrl);
        Assert.NotNull(file.InfoUrl);
    }

    private static void AssertFile(FileDetails file, long id, string name, long? folderId, string status)
    {
        Assert.Equal(new FileId(id), file.Id);
        Assert.Equal(name, file.FileName);
        Assert.Equal("b", file.ShortUrl);
        Assert.Equal("application/octet-stream", file.FileType);
        Assert.Equal("txt", file.Extension);
        Assert.Equal(18, file.FileSize);
        Assert.Equal(status, file.Status);
        Assert.Equal(0, file.Downloads);
        Assert.Equal(folderId is long folder ? new FolderId(folder) : null, file.FolderId);
        Assert.Equal("api", file.UploadSource);
        Assert.NotNull(file.UploadedDate);
        Assert.Null(file.LastAccessed);
        Assert.Equal("/b", file.UrlFile?.AbsolutePath);
        Assert.Equal("/b~i", file.UrlFileInfo?.AbsolutePath);
        Assert.Equal("/b~s", file.UrlFileStats?.AbsolutePath);
        Assert.Equal("/b~d", file.UrlFileDelete?.AbsolutePath);
    }

    private static void AssertRootAfterUploads(FolderListing listing)
    {
        Assert.Equal([1L, 3L, 2L], listing.Folders.Select(f => f.Id.Value));
        Assert.Equal("Renamed Folder A", listing.Folders[0].FolderName);
        Assert.Equal(12, listing.Folders[0].TotalSize);
        Assert.Equal(1, listing.Folders[0].FileCount);
        Assert.All(listing.Folders, f => Assert.Null(f.ParentId));
        Assert.All(listing.Files, f => Assert.Null(f.FolderId));
        Assert.Equal("=?utf-8?B?csOpc3Vtw6kg4pyTIGRvdG5ldC50eHQ=?=", listing.Files[0].FileName);
        Assert.Equal("=?utf-8?b?", listing.Files[0].Extension);
        Assert.Equal(35, listing.Files[0].FileSize);
    }

    private static void RootAtTheEnd(FolderListing listing)
    {
        AssertRootAfterUploads(listing);
        Assert.Equal([4L, 5L, 3L, 6L], listing.Files.Select(f => f.Id.Value));
        Assert.Equal("résumé ✓ (2).txt", listing.Files[3].FileName);
    }
}
