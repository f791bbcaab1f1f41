using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// Contract tests for the administrator endpoints (/account/create, /account/edit, /account/delete, /package/listing).
/// The vendor publishes no samples for them; the answers are shaped like /account/info and /account/package.
/// </summary>
public sealed class AdminContractTests
{
    private const string CreatedAccount = """
        { "response": "Account successfully created.", "data": { "id": "2001", "username": "jane", "level_id": "2", "email": "[email protected]", "lastlogindate": null, "lastloginip": null, "status": "active", "title": "Ms", "firstname": "Jane", "lastname": "Doe", "languageId": "1", "datecreated": "2024-11-28 22:52:06", "lastPayment": null, "paidExpiryDate": "2025-02-01 00:00:00", "storageLimitOverride": null }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    private const string PackageListing = """
        { "data": [ { "id": "1", "label": "Free User", "max_upload_size": "104857600", "can_upload": "1", "wait_between_downloads": "30", "download_speed": "50000", "max_storage_bytes": "1073741824", "show_site_adverts": "1", "show_upgrade_screen": "1", "days_to_keep_inactive_files": "60", "concurrent_uploads": "1", "concurrent_downloads": "1", "downloads_per_24_hours": "10", "max_download_filesize_allowed": "0", "max_remote_download_urls": "5", "level_type": "free user", "on_upgrade_page": "1" }, { "id": "20", "label": "Admin", "level_type": "admin" } ], "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    private static readonly TimeZoneInfo PlusOne = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAccountAsync_EveryField_PostsThemWithSessionAndReadsAccount()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/create", CreatedAccount);
        using var client = api.CreateClient(o => o.ServerTimeZone = PlusOne);

        AccountInfo account = await client.Admin.CreateAccountAsync(new NewAccount
        {
            Username = "jane",
            Password = "s3cret pässword",
            Email = "[email protected]",
            PackageId = 2,
            Status = "active",
            Title = "Ms",
            FirstName = "Jane",
            LastName = "Doe",
            PaidExpiryDate = new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero),
        }, Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/create"], api.Paths());
        api.AssertFormPost("account/create", ApiServer.WithSession(
            ("username", "jane"), ("password", "s3cret pässword"), ("email", "[email protected]"), ("package_id", "2"), ("status", "active"),
            ("title", "Ms"), ("firstname", "Jane"), ("lastname", "Doe"), ("paid_expiry_date", "2025-02-01 00:00:00")));
        Assert.Equal(2001, account.Id);
        Assert.Equal("jane", account.Username);
        Assert.Equal(2, account.LevelId);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(1)), account.PaidExpiryDate);
        Assert.Equal(new DateTimeOffset(2024, 11, 28, 21, 52, 6, TimeSpan.Zero), account.DateCreated!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task CreateAccountAsync_OnlyRequiredFields_SendsBlankNamesAndNoOtherOptionalField()
    {
        // The server inserts firstname and lastname as sent: absent, they are NULL in NOT NULL columns and the answer is an
        // HTML "Database Error" page. Blank names are what a caller without names means.
        using var api = new ApiServer().GivenAuthorize().Given("account/create", CreatedAccount);
        using var client = api.CreateClient();

        await client.Admin.CreateAccountAsync(new NewAccount { Username = "jane", Password = "pw", Email = "[email protected]" }, Cancel);

        api.AssertFormPost("account/create", ApiServer.WithSession(
            ("username", "jane"), ("password", "pw"), ("email", "[email protected]"), ("firstname", ""), ("lastname", "")));
    }

    [Fact]
    public async Task CreateAccountAsync_OnlyFirstName_SendsBlankLastName()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/create", CreatedAccount);
        using var client = api.CreateClient();

        await client.Admin.CreateAccountAsync(new NewAccount { Username = "jane", Password = "pw", Email = "[email protected]", FirstName = "Jane" }, Cancel);

        api.AssertFormPost("account/create", ApiServer.WithSession(
            ("username", "jane"), ("password", "pw"), ("email", "[email protected]"), ("firstname", "Jane"), ("lastname", "")));
    }

    [Fact]
    public async Task CreateAccountAsync_ServerAnswersHtmlDatabaseErrorAsJson_ThrowsUnexpectedResponseWithThePage()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("account/create",
            "<p style='border:5px solid red;'><strong>Database Error:</strong><br/>PDOException: SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'firstname' cannot be null</p>",
            200, "application/json");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Admin.CreateAccountAsync(new NewAccount { Username = "jane", Password = "pw", Email = "[email protected]" }, Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Null(error.ServerMessage);
        Assert.Contains("Database Error", error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("account/create")); // a write: never repeated
    }

    [Fact]
    public async Task EditAccountAsync_TargetAccount_SendsTargetAccountIdOnceWithTheAdminToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/edit", CreatedAccount);
        using var client = api.CreateClient(o => o.ServerTimeZone = PlusOne);

        AccountInfo account = await client.Admin.EditAccountAsync(2001, new AccountChanges
        {
            Password = "new pw",
            Email = "[email protected]",
            PackageId = 3,
            Status = "suspended",
            Title = "Dr",
            FirstName = "J",
            LastName = "D",
            PaidExpiryDate = new DateTimeOffset(2025, 6, 30, 22, 0, 0, TimeSpan.Zero),
        }, Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/edit"], api.Paths());
        api.AssertFormPost("account/edit", new Dictionary<string, string>
        {
            ["access_token"] = ApiServer.Token,
            ["account_id"] = "2001",
            ["password"] = "new pw",
            ["email"] = "[email protected]",
            ["package_id"] = "3",
            ["status"] = "suspended",
            ["title"] = "Dr",
            ["firstname"] = "J",
            ["lastname"] = "D",
            ["paid_expiry_date"] = "2025-06-30 23:00:00",
        });
        Assert.Equal(2001, account.Id);
    }

    [Fact]
    public async Task DeleteAccountAsync_TargetAccount_SendsTargetAccountIdOnceWithTheAdminToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/delete", """{ "response": "Account deleted.", "_status": "success", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient();

        await client.Admin.DeleteAccountAsync(2001, Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/delete"], api.Paths());
        api.AssertFormPost("account/delete", new Dictionary<string, string> { ["access_token"] = ApiServer.Token, ["account_id"] = "2001" });
    }

    [Fact]
    public async Task ListPackagesAsync_PackagesInsideData_ReadsEveryPackage()
    {
        // What a deployed server answers (shared/api/recorded, case 81): {"data":{"packages":[…]}}, numbers as JSON numbers on PHP 8.
        using var api = new ApiServer().GivenAuthorize().Given("package/listing", """
            {"data":{"packages":[{"id":1,"label":"Registered User","max_upload_size":5368709120,"can_upload":1,"wait_between_downloads":0,"download_speed":0,"max_storage_bytes":0,"show_site_adverts":0,"show_upgrade_screen":0,"days_to_keep_inactive_files":0,"concurrent_uploads":0,"concurrent_downloads":0,"downloads_per_24_hours":0,"max_download_filesize_allowed":0,"max_remote_download_urls":0,"level_type":"free","on_upgrade_page":0},{"id":"20","label":"Admin","max_upload_size":"5368709120","can_upload":"1","show_upgrade_screen":"1","concurrent_uploads":"1000","max_remote_download_urls":"50","level_type":"admin"}]},"_status":"success","_datetime":"2026-12-01 04:14:46"}
            """);
        using var client = api.CreateClient();

        IReadOnlyList<AccountPackage> packages = await client.Admin.ListPackagesAsync(Cancel);

        api.AssertFormPost("package/listing", ApiServer.WithSession());
        Assert.Equal(
            [
                new AccountPackage { Id = 1, Label = "Registered User", MaxUploadSize = 5_368_709_120, CanUpload = true, LevelType = "free" },
                new AccountPackage
                {
                    Id = 20, Label = "Admin", MaxUploadSize = 5_368_709_120, CanUpload = true, ShowUpgradeScreen = true, ConcurrentUploads = 1000,
                    MaxRemoteDownloadUrls = 50, LevelType = "admin",
                },
            ],
            packages);
    }

    [Fact]
    public async Task ListPackagesAsync_EmptyPackagesInsideData_ReadsNone()
    {
        using var api = new ApiServer().GivenAuthorize().Given("package/listing", """{"data":{"packages":[]},"_status":"success"}""");
        using var client = api.CreateClient();

        Assert.Empty(await client.Admin.ListPackagesAsync(Cancel));
    }

    [Theory]
    [InlineData("""{"data":{},"_status":"success"}""")]
    [InlineData("""{"data":{"packages":{"id":"1"}},"_status":"success"}""")]
    [InlineData("""{"data":{"packages":"none"},"_status":"success"}""")]
    [InlineData("""{"data":"packages","_status":"success"}""")]
    public async Task ListPackagesAsync_DataOfAnotherShape_ThrowsUnexpectedResponse(string body)
    {
        using var api = new ApiServer().GivenAuthorize().Given("package/listing", body);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Admin.ListPackagesAsync(Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal("package/listing", error.Endpoint);
    }

    [Fact]
    public async Task ListPackagesAsync_TwoPackages_PostsSessionFieldsAndReadsBoth()
    {
        using var api = new ApiServer().GivenAuthorize().Given("package/listing", PackageListing);
        using var client = api.CreateClient();

        IReadOnlyList<AccountPackage> packages = await client.Admin.ListPackagesAsync(Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/package/listing"], api.Paths());
        api.AssertFormPost("package/listing", ApiServer.WithSession());
        Assert.Equal(
            [
                new AccountPackage
                {
                    Id = 1,
                    Label = "Free User",
                    MaxUploadSize = 104857600,
                    CanUpload = true,
                    WaitBetweenDownloads = 30,
                    DownloadSpeed = 50000,
                    MaxStorageBytes = 1073741824,
                    ShowSiteAdverts = true,
                    ShowUpgradeScreen = true,
                    DaysToKeepInactiveFiles = 60,
                    ConcurrentUploads = 1,
                    ConcurrentDownloads = 1,
                    DownloadsPer24Hours = 10,
                    MaxDownloadFileSizeAllowed = 0,
                    MaxRemoteDownloadUrls = 5,
                    LevelType = "free user",
                    OnUpgradePage = true,
                },
                new AccountPackage { Id = 20, Label = "Admin", LevelType = "admin" },
            ],
            packages);
    }
}
