using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Contract tests for /account/info and /account/package: what reaches the server, and the record read from the vendor's sample.</summary>
public sealed class AccountContractTests
{
    private static readonly TimeSpan Utc = TimeSpan.Zero;

    [Fact]
    public async Task GetInfoAsync_VendorSample_PostsSessionFieldsAndReadsAccount()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo);
        using var client = api.CreateClient();

        AccountInfo account = await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], api.Paths());
        api.AssertFormPost("account/info", ApiServer.WithSession());
        Assert.Equal(new AccountInfo
        {
            Id = 158642,
            Username = "admin",
            LevelId = 20,
            Email = "[email protected]",
            LastLoginDate = new DateTimeOffset(2017, 2, 18, 11, 43, 39, Utc),
            LastLoginIp = "192.168.33.1",
            Status = "active",
            Title = "Mr",
            FirstName = "Admin",
            LastName = "User",
            LanguageId = 1,
            DateCreated = null,
            LastPayment = new DateTimeOffset(2011, 12, 27, 13, 45, 22, Utc),
            PaidExpiryDate = null,
            StorageLimitOverride = null,
        }, account);
    }

    [Fact]
    public async Task GetInfoAsync_ServerTimeZoneNotUtc_ReadsDatesInThatZone()
    {
        var berlinWinter = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");
        var newYorkLike = TimeZoneInfo.CreateCustomTimeZone("Test-05", TimeSpan.FromHours(-5), "Test-05", "Test-05");
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo);
        using var plusOne = api.CreateClient(o => o.ServerTimeZone = berlinWinter);
        using var minusFive = api.CreateClient(o => o.ServerTimeZone = newYorkLike);

        AccountInfo east = await plusOne.Account.GetInfoAsync(TestContext.Current.CancellationToken);
        AccountInfo west = await minusFive.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2017, 2, 18, 11, 43, 39, TimeSpan.FromHours(1)), east.LastLoginDate);
        Assert.Equal(TimeSpan.FromHours(1), east.LastLoginDate!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2017, 2, 18, 10, 43, 39, Utc), east.LastLoginDate.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2017, 2, 18, 16, 43, 39, Utc), west.LastLoginDate!.Value.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-5), west.LastPayment!.Value.Offset);
    }

    [Fact]
    public async Task GetInfoAsync_ServerTimeZoneWithDaylightSaving_UsesTheOffsetOfThatDate()
    {
        // A zone at +1 in winter and +2 from the last Sunday of March to the last Sunday of October (like Europe/Berlin).
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test-CET", TimeSpan.FromHours(1), "Test CET", "Test CET", "Test CEST", [rule]);
        using var api = new ApiServer().GivenAuthorize().Given("account/info",
            """{"data":{"id":"1","username":"u","level_id":"1","lastlogindate":"2024-07-01 12:00:00","lastPayment":"2024-01-15 12:00:00"},"_status":"success"}""");
        using var client = api.CreateClient(o => o.ServerTimeZone = zone);

        AccountInfo account = await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2024, 7, 1, 10, 0, 0, Utc), account.LastLoginDate!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 11, 0, 0, Utc), account.LastPayment!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task GetPackageAsync_VendorSample_PostsSessionFieldsAndReadsPackage()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/package", VendorSamples.AccountPackage);
        using var client = api.CreateClient();

        AccountPackage package = await client.Account.GetPackageAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/package"], api.Paths());
        api.AssertFormPost("account/package", ApiServer.WithSession());
        Assert.Equal(new AccountPackage
        {
            Id = 20,
            Label = "Premium Account",
            MaxUploadSize = 1073741824,
            CanUpload = true,
            WaitBetweenDownloads = 0,
            DownloadSpeed = 0,
            MaxStorageBytes = 0,
            ShowSiteAdverts = false,
            ShowUpgradeScreen = true,
            DaysToKeepInactiveFiles = 0,
            ConcurrentUploads = 100,
            ConcurrentDownloads = 0,
            DownloadsPer24Hours = 0,
            MaxDownloadFileSizeAllowed = 0,
            MaxRemoteDownloadUrls = 50,
            LevelType = "paid user",
            OnUpgradePage = false,
        }, package);
    }
}
