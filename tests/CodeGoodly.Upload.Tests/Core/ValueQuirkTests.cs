using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// "What deployed servers really do", the value bullets: numbers as strings, numbers or null, float-looking numbers,
/// unset dates, <c>file_status</c> vs <c>status</c>, the extra fields of /file/info, <c>0</c> as the root.
/// </summary>
public sealed class ValueQuirkTests
{
    private static readonly TimeSpan Utc = TimeSpan.Zero;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetInfoAsync_NumbersAsJsonNumbers_ReadLikeStrings()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/info", """
            {"data":{"id":123,"parentId":99,"folderName":"F","totalSize":868689,"isPublic":1,"total_downloads":5864,"child_folder_count":1,"file_count":0},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.GetInfoAsync(new FolderId(123), Cancel);

        Assert.Equal(new FolderDetails
        {
            Id = new FolderId(123), ParentId = new FolderId(99), FolderName = "F", TotalSize = 868689, Visibility = FolderVisibility.Unlisted,
            TotalDownloads = 5864, ChildFolderCount = 1, FileCount = 0,
        }, folder);
    }

    [Fact]
    public async Task GetInfoAsync_NumbersAsStrings_ReadLikeNumbers()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/info", """
            {"data":{"id":"123","parentId":"99","folderName":"F","totalSize":"868689","isPublic":"1","total_downloads":"5864","child_folder_count":"1","file_count":"0"},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.GetInfoAsync(new FolderId(123), Cancel);

        Assert.Equal(new FolderDetails
        {
            Id = new FolderId(123), ParentId = new FolderId(99), FolderName = "F", TotalSize = 868689, Visibility = FolderVisibility.Unlisted,
            TotalDownloads = 5864, ChildFolderCount = 1, FileCount = 0,
        }, folder);
    }

    [Fact]
    public async Task GetInfoAsync_NullableFieldsNull_ReadAsNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", """
            {"data":{"id":"1253","filename":"a.jpg","shortUrl":null,"fileType":null,"extension":null,"fileSize":null,"status":null,"downloads":null,"folderId":null,"keywords":null,"url_file":null,"uploadedDate":null,"lastAccessed":null,"uploadSource":null},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileDetails { Id = new FileId(1253), FileName = "a.jpg" }, file);
    }

    [Fact]
    public async Task GetInfoAsync_FloatLookingNumbers_ReadAsWholeNumbers()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/info", """
            {"data":{"id":"123","folderName":"F","totalSize":"1.0E+9","total_downloads":5864.0,"child_folder_count":"2.0","file_count":1e1},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.GetInfoAsync(new FolderId(123), Cancel);

        Assert.Equal(1_000_000_000, folder.TotalSize);
        Assert.Equal(5864, folder.TotalDownloads);
        Assert.Equal(2, folder.ChildFolderCount);
        Assert.Equal(10, folder.FileCount);
    }

    [Fact]
    public async Task GetPackageAsync_FlagsAsStringsNumbersAndBooleans_ReadAsBooleans()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/package", """
            {"data":{"id":20,"label":"P","can_upload":1,"show_site_adverts":"0","show_upgrade_screen":true,"on_upgrade_page":null},"_status":"success"}
            """);
        using var client = api.CreateClient();

        AccountPackage package = await client.Account.GetPackageAsync(Cancel);

        Assert.True(package.CanUpload);
        Assert.False(package.ShowSiteAdverts);
        Assert.True(package.ShowUpgradeScreen);
        Assert.False(package.OnUpgradePage);
    }

    [Fact]
    public async Task GetInfoAsync_ZeroDateAndEmptyDate_ReadAsNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", """
            {"data":{"id":"158642","username":"admin","level_id":"20","lastlogindate":"0000-00-00 00:00:00","datecreated":"","lastPayment":"0000-00-00","paidExpiryDate":" "},"_status":"success"}
            """);
        using var client = api.CreateClient();

        AccountInfo account = await client.Account.GetInfoAsync(Cancel);

        Assert.Null(account.LastLoginDate);
        Assert.Null(account.DateCreated);
        Assert.Null(account.LastPayment);
        Assert.Null(account.PaidExpiryDate);
    }

    [Fact]
    public async Task GetInfoAsync_FolderZeroDates_ReadAsNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/info", """
            {"data":{"id":"123","folderName":"F","date_added":"0000-00-00 00:00:00","date_updated":""},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.GetInfoAsync(new FolderId(123), Cancel);

        Assert.Null(folder.DateAdded);
        Assert.Null(folder.DateUpdated);
    }

    [Fact]
    public async Task GetInfoAsync_FileInfoExtraFieldsWithFileStatus_ReadsThemAll()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", """
            {"data":{"id":"1253","filename":"sample4_l.jpg","shortUrl":"2Vv","fileType":"image/jpeg","extension":"jpg","fileSize":"149084","file_status":"trash","downloads":"3","folderId":"125","keywords":null,"url_file":"http://yoursite.com/2Vv","uploadedIP":"192.168.33.1","uploadedDate":"2024-11-28 22:52:06","lastAccessed":"0000-00-00 00:00:00","isPublic":"1","uploadSource":"api","url_file_info":"http://yoursite.com/2Vv~i","url_file_stats":"http://yoursite.com/2Vv~s","url_file_delete":"http://yoursite.com/2Vv~d?abc"},"_status":"success","_datetime":"2024-11-28 22:52:06"}
            """);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileDetails
        {
            Id = new FileId(1253),
            FileName = "sample4_l.jpg",
            ShortUrl = "2Vv",
            FileType = "image/jpeg",
            Extension = "jpg",
            FileSize = 149084,
            Status = "trash",
            Downloads = 3,
            FolderId = new FolderId(125),
            Keywords = null,
            UrlFile = new Uri("http://yoursite.com/2Vv"),
            UploadedDate = new DateTimeOffset(2024, 11, 28, 22, 52, 6, Utc),
            LastAccessed = null,
            UploadSource = "api",
            UrlFileInfo = new Uri("http://yoursite.com/2Vv~i"),
            UrlFileStats = new Uri("http://yoursite.com/2Vv~s"),
            UrlFileDelete = new Uri("http://yoursite.com/2Vv~d?abc"),
        }, file);
    }

    [Fact]
    public async Task ListAsync_FileStatusNamedStatusInListings_ReadsIt()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """
            {"data":{"folders":[],"files":[{"id":"1161","filename":"b.gif","status":"active"}]},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Cancel);

        Assert.Equal("active", Assert.Single(listing.Files).Status);
    }

    [Fact]
    public async Task ListAsync_ParentIdAndFolderIdZero_ReadAsRoot()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """
            {"data":{"folders":[{"id":"123","parentId":"0","folderName":"F"}],"files":[{"id":"1161","filename":"b.gif","folderId":"0"}]},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Cancel);

        Assert.Null(Assert.Single(listing.Folders).ParentId);
        Assert.Null(Assert.Single(listing.Files).FolderId);
    }

    [Fact]
    public async Task ListAsync_FolderIdZero_SendsBlankForTheRoot()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", VendorSamples.FolderListing);
        using var client = api.CreateClient();

        await client.Folders.ListAsync(new FolderId(0), Cancel);

        api.AssertFormPost("folder/listing", ApiServer.WithSession(("parent_folder_id", string.Empty)));
    }

    [Fact]
    public async Task ListAsync_EmptyFolderWithNullLists_ReadsEmptyLists()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """{"data":{"folders":null,"files":null},"_status":"success"}""");
        using var client = api.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Cancel);

        Assert.Empty(listing.Folders);
        Assert.Empty(listing.Files);
    }

    [Fact]
    public async Task UploadAsync_HashFalse_ReadsNoHash()
    {
        // Deployed servers often send "hash": false (no MD5 computed); false means "none", not the text "0".
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", """
            {"response":"File uploaded","data":[{"name":"a.txt","size":5,"type":"text/plain","error":null,"hash":false,"short_url":"b","file_id":1}],"_status":"success"}
            """);
        using var client = api.CreateClient();

        UploadedFile file = await client.Files.UploadAsync(new MemoryStream("hello"u8.ToArray()), "a.txt", cancellationToken: Cancel);

        Assert.Null(file.Hash);
        Assert.Equal(new FileId(1), file.FileId);
    }

    [Fact]
    public async Task UploadAsync_ItemErrorFalse_ReadsTheUploadedFile()
    {
        // "error": false is "no error" too: read as text it was "0", a per-file error that failed a stored upload.
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", """
            {"response":"File uploaded","data":[{"name":"a.txt","size":5,"error":false,"hash":"5d41402abc4b2a76b9719d911017c592","file_id":7}],"_status":"success"}
            """);
        using var client = api.CreateClient();

        UploadedFile file = await client.Files.UploadAsync(new MemoryStream("hello"u8.ToArray()), "a.txt", cancellationToken: Cancel);

        Assert.Equal(new FileId(7), file.FileId);
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", file.Hash);
    }

    [Fact]
    public async Task GetInfoAsync_FalseInEveryTextField_ReadsThemAsNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", """
            {"data":{"id":"2","username":"apiuser","level_id":"1","email":false,"lastlogindate":false,"lastloginip":false,"status":false,"title":false,"firstname":false,"lastname":false,"languageId":false,"datecreated":false,"lastPayment":false,"paidExpiryDate":false,"storageLimitOverride":false},"_status":"success"}
            """);
        using var client = api.CreateClient();

        AccountInfo account = await client.Account.GetInfoAsync(Cancel);

        Assert.Equal(new AccountInfo { Id = 2, Username = "apiuser", LevelId = 1 }, account);
    }

    [Theory]
    [InlineData("Etc/GMT-14", "0001-01-01 00:00:00")] // UTC+14: the instant would be in year 0
    [InlineData("Etc/GMT+12", "9999-12-31 23:59:59")] // UTC-12: the instant would be in year 10000
    [InlineData("Etc/GMT-14", "0001-01-01")]
    public async Task GetInfoAsync_DateTheServerZoneCannotPlaceOnTheTimeline_ThrowsUnexpectedResponseNamingTheField(string zoneId, string date)
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", $$"""{"data":{"id":"1253","filename":"a.jpg","uploadedDate":"{{date}}"},"_status":"success"}""");
        using var client = api.CreateClient(o => o.ServerTimeZone = TimeZoneInfo.FindSystemTimeZoneById(zoneId));

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("'uploadedDate'", error.Message, StringComparison.Ordinal);
        Assert.Contains(date, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Etc/GMT-14", "9999-12-31 23:59:59", 14)]
    [InlineData("Etc/GMT+12", "0001-01-01 00:00:00", -12)]
    public async Task GetInfoAsync_ExtremeDateTheServerZoneCanPlace_ReadsIt(string zoneId, string date, int offsetHours)
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", $$"""{"data":{"id":"1253","filename":"a.jpg","uploadedDate":"{{date}}"},"_status":"success"}""");
        using var client = api.CreateClient(o => o.ServerTimeZone = TimeZoneInfo.FindSystemTimeZoneById(zoneId));

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(DateTime.ParseExact(date, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), file.UploadedDate?.DateTime);
        Assert.Equal(TimeSpan.FromHours(offsetHours), file.UploadedDate?.Offset);
    }

    [Fact]
    public async Task GetInfoAsync_DateInTheSpringForwardGapOfTheServerZone_ReadsWithoutFailing()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test-CET", TimeSpan.FromHours(1), "Test CET", "Test CET", "Test CEST", [rule]);
        using var api = new ApiServer().GivenAuthorize().Given("file/info",
            """{"data":{"id":"1253","filename":"a.jpg","uploadedDate":"2024-03-31 02:30:00"},"_status":"success"}""");
        using var client = api.CreateClient(o => o.ServerTimeZone = zone);

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.NotNull(file.UploadedDate);
        Assert.Equal(new DateTime(2024, 3, 31, 2, 30, 0), file.UploadedDate.Value.DateTime);
    }
}
