using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(CodeGoodly.Upload.Redis.Tests.Support.SharedRedis))]

namespace CodeGoodly.Upload.Redis.Tests.Support;

/// <summary>
/// The Redis most tests share (each test on sessions of its own): the one <c>CODEGOODLY_TEST_REDIS</c> names (as CI sets it),
/// else a redis-server started here. Neither available: every test fails with the reason.
/// </summary>
public sealed class SharedRedis : IAsyncLifetime
{
    private RedisServer? ownServer;
    private ConnectionMultiplexer? inspector;

    /// <summary>The StackExchange.Redis configuration string of the shared server.</summary>
    public string Configuration { get; private set; } = "";

    /// <summary>A connection of the test's own, to look at (and tamper with) what the stores wrote.</summary>
    public IDatabase Database => inspector!.GetDatabase();

    /// <summary>The server, for SCAN.</summary>
    public IServer Server => inspector!.GetServers()[0];

    public async ValueTask InitializeAsync()
    {
        string? given = Environment.GetEnvironmentVariable("CODEGOODLY_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(given))
        {
            ownServer = await RedisServer.StartAsync();
            Configuration = ownServer.Configuration;
        }
        else
        {
            Configuration = given;
        }

        try
        {
            inspector = await ConnectAsync(Configuration, allowAdmin: true);
        }
        catch (RedisConnectionException exception)
        {
            throw new InvalidOperationException($"The Redis the tests use ({Configuration}, from CODEGOODLY_TEST_REDIS or started here) does not answer: {exception.Message}", exception);
        }
    }

    /// <summary>A connection that is up when returned (the test waits for it, as an application would at start-up).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectAsync(Configuration, allowAdmin: false);

    internal static Task<ConnectionMultiplexer> ConnectAsync(string configuration, bool allowAdmin)
    {
        ConfigurationOptions options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = allowAdmin;
        options.AbortOnConnectFail = true;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (inspector is not null)
        {
            await inspector.DisposeAsync();
        }

        if (ownServer is not null)
        {
            await ownServer.DisposeAsync();
        }
    }
}
