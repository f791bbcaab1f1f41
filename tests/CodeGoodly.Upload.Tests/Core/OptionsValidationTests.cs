using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Settings that cannot work are refused when the client is built, naming the problem, before any request.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string> BadSettings => new()
    {
        "no credentials",
        "keys and login",
        "short keys",
        "only key1",
        "only username",
        "http without opt-in",
        "relative base address",
        "ftp base address",
        "no time zone",
        "negative retries",
        "zero reauthorizations",
        "zero attempt timeout",
        "attempt timeout of two days",
        "attempt timeout of 5 ms",
        "total timeout of two days",
        "retry base delay of two days",
        "retry-after cap of two days",
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Constructor_BadSettings_ThrowsArgumentWithoutSending(string problem)
    {
        using var api = new ApiServer().GivenAuthorize();
        UploadClientOptions options = api.Options(o => Break(o, problem));

        var error = Assert.Throws<ArgumentException>(() => new UploadClient(options));

        Assert.StartsWith("Invalid UploadClientOptions:", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(options.GetValidationErrors());
        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public void Constructor_HttpWithoutOptIn_SaysHowToFixIt()
    {
        var options = new UploadClientOptions { BaseAddress = new Uri("http://upload.example.com/api/v2/"), Key1 = ApiServer.Key1, Key2 = ApiServer.Key2 };

        var error = Assert.Throws<ArgumentException>(() => new UploadClient(options));

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortKeys_SaysTheyMustBe64Characters()
    {
        var options = new UploadClientOptions { Key1 = "abc", Key2 = ApiServer.Key2 };

        var error = Assert.Throws<ArgumentException>(() => new UploadClient(options));

        Assert.Contains("64 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AttemptTimeoutOfTwoDays_NamesTheSettingAndTheRangeItMustBeIn()
    {
        using var api = new ApiServer().GivenAuthorize();
        UploadClientOptions options = api.Options(o => o.AttemptTimeout = TimeSpan.FromDays(2));

        var error = Assert.Throws<ArgumentException>(() => new UploadClient(options));

        Assert.Contains("AttemptTimeout must be between 10 ms and 24 hours (got 2.00:00:00).", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public void GetValidationErrors_EveryTimeAtTheEdgeOfItsRange_IsEmptyAndTheClientBuilds()
    {
        var options = new UploadClientOptions
        {
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
            AttemptTimeout = TimeSpan.FromHours(24),
            TotalTimeout = TimeSpan.FromMilliseconds(10),
            RetryBaseDelay = TimeSpan.FromHours(24),
            MaxRetryAfter = TimeSpan.FromHours(24),
            MaxRetries = int.MaxValue,
        };

        Assert.Empty(options.GetValidationErrors());
        using var client = new UploadClient(options);
    }

    [Fact]
    public void Constructor_NullOptions_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new UploadClient(null!));
    }

    [Fact]
    public void GetValidationErrors_ValidKeyPair_IsEmpty()
    {
        var options = new UploadClientOptions { Key1 = ApiServer.Key1, Key2 = ApiServer.Key2 };

        Assert.Empty(options.GetValidationErrors());
    }

    private static void Break(UploadClientOptions options, string problem)
    {
        switch (problem)
        {
            case "no credentials":
                options.Key1 = options.Key2 = null;
                break;
            case "keys and login":
                options.Username = "admin";
                options.Password = "pw";
                break;
            case "short keys":
                options.Key1 = "too-short";
                break;
            case "only key1":
                options.Key2 = null;
                break;
            case "only username":
                options.Key1 = options.Key2 = null;
                options.Username = "admin";
                break;
            case "http without opt-in":
                options.AllowInsecureHttp = false;
                break;
            case "relative base address":
                options.BaseAddress = new Uri("api/v2/", UriKind.Relative);
                break;
            case "ftp base address":
                options.BaseAddress = new Uri("ftp://127.0.0.1/api/v2/");
                break;
            case "no time zone":
                options.ServerTimeZone = null!;
                break;
            case "negative retries":
                options.MaxRetries = -1;
                break;
            case "zero reauthorizations":
                options.MaxReauthorizations = 0;
                break;
            case "zero attempt timeout":
                options.AttemptTimeout = TimeSpan.Zero;
                break;
            case "attempt timeout of two days":
                options.AttemptTimeout = TimeSpan.FromDays(2);
                break;
            case "attempt timeout of 5 ms":
                options.AttemptTimeout = TimeSpan.FromMilliseconds(5);
                break;
            case "total timeout of two days":
                options.TotalTimeout = TimeSpan.FromDays(2);
                break;
            case "retry base delay of two days":
                options.RetryBaseDelay = TimeSpan.FromDays(2);
                break;
            case "retry-after cap of two days":
                options.MaxRetryAfter = TimeSpan.FromDays(2);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown problem");
        }
    }
}
