using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CodeGoodly.Upload.Tests.DependencyInjection;

public sealed class OptionsValidationTests
{
    private const string Key = "k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1";

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "BaseAddress=https://upload.example.com/api/v2/", "No credentials: set Key1 + Key2", "no credentials" },
        { $"Key1={Key};Key2={Key};Username=admin;Password=secret", "Set either Key1 + Key2 or Username + Password, not both.", "both credential kinds" },
        { $"Key1={Key}", "Key1 and Key2 must both be set.", "one key" },
        { "Key1=short;Key2=short", "Key1 and Key2 must each be 64 characters long (got 5 and 5).", "short keys" },
        { $"Key1={Key};Key2={Key};BaseAddress=http://upload.example.com/api/v2/", "uses plain http, which would expose the keys and tokens", "http without opt-in" },
        { $"Key1={Key};Key2={Key};BaseAddress=upload.example.com/api", "must be an absolute URI", "relative base address" },
        { $"Key1={Key};Key2={Key};BaseAddress=ftp://upload.example.com/api/v2/", "must use https", "other scheme" },
        { $"Key1={Key};Key2={Key};ServerTimeZone=Mars/Olympus_Mons", "ServerTimeZone 'Mars/Olympus_Mons' is not a time zone id known to this machine", "unknown time zone" },
        { $"Key1={Key};Key2={Key};AttemptTimeout=00:00:00", "AttemptTimeout and TotalTimeout must be positive.", "zero timeout" },
        { $"Key1={Key};Key2={Key};MaxRetries=-1", "MaxRetries must not be negative.", "negative retries" },
        { $"Key1={Key};Key2={Key};AttemptTimeout=2.00:00:00", "AttemptTimeout must be between 10 ms and 24 hours (got 2.00:00:00).", "two-day attempt timeout" },
        { $"Key1={Key};Key2={Key};TotalTimeout=00:00:00.005", "TotalTimeout must be between 10 ms and 24 hours (got 00:00:00.0050000).", "5 ms total timeout" },
        { $"Key1={Key};Key2={Key};RetryBaseDelay=1.00:00:01", "RetryBaseDelay must be at most 24 hours (got 1.00:00:01).", "retry delay over a day" },
        { $"Key1={Key};Key2={Key};MaxRetryAfter=3.00:00:00", "MaxRetryAfter must be at most 24 hours (got 3.00:00:00).", "retry-after cap over a day" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void StartupValidation_InvalidConfiguration_FailsNamingTheSectionAndTheProblem(string settings, string expected, string because)
    {
        var services = new ServiceCollection();
        services.AddUploadClient(Section(settings));
        using ServiceProvider provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), $"{because}: {failure.Message}");
        Assert.Contains("UploadClient (configuration section 'CodeGoodlyUpload'): ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_AttemptTimeoutPollyCannotTake_FailsBeforeServingWithTheSettingNamed()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddUploadClient(Section($"Key1={Key};Key2={Key};AttemptTimeout=2.00:00:00"));
        using IHost host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal("UploadClient (configuration section 'CodeGoodlyUpload'): AttemptTimeout must be between 10 ms and 24 hours (got 2.00:00:00).", Assert.Single(failure.Failures));
    }

    [Fact]
    public async Task HostStart_KeyedRetryDelayPollyCannotTake_FailsNamingTheKey()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddKeyedUploadClient("backup", options =>
        {
            options.Key1 = options.Key2 = Key;
            options.RetryBaseDelay = TimeSpan.FromDays(3);
        });
        using IHost host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal("UploadClient 'backup': RetryBaseDelay must be at most 24 hours (got 3.00:00:00).", Assert.Single(failure.Failures));
    }

    [Fact]
    public void StartupValidation_InvalidKeyedRegistration_NamesTheKeyAndLeavesTheValidOneAlone()
    {
        var services = new ServiceCollection();
        services.AddUploadClient(Section($"Key1={Key};Key2={Key}"));
        services.AddKeyedUploadClient("backup", options => options.Key1 = Key);
        using ServiceProvider provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("backup", failure.OptionsName);
        Assert.Equal("UploadClient 'backup': Key1 and Key2 must both be set.", Assert.Single(failure.Failures));
        Assert.NotNull(provider.GetRequiredService<IUploadClient>());
    }

    [Fact]
    public void Resolve_InvalidOptionsWithoutHost_ThrowsTheSameMessage()
    {
        var services = new ServiceCollection();
        services.AddUploadClient(options => options.BaseAddress = new Uri("http://localhost/api/v2/"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IUploadClient>());

        Assert.Contains("UploadClient: No credentials", failure.Message, StringComparison.Ordinal);
        Assert.Contains("uses plain http", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddUploadClient_NullArguments_ThrowBeforeRegistering()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddUploadClient((Action<UploadClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddUploadClient((IConfiguration)null!));
        Assert.Throws<ArgumentException>(() => services.AddKeyedUploadClient(" ", _ => { }));
        Assert.Empty(services);
    }

    private static IConfigurationSection Section(string settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split(';').Select(pair => pair.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string?>("CodeGoodlyUpload:" + pair[0], pair[1])))
            .Build()
            .GetSection("CodeGoodlyUpload");
}
