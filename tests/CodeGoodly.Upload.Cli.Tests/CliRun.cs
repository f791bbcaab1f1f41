using CodeGoodly.Upload.Testing;
using Spectre.Console.Testing;

namespace CodeGoodly.Upload.Cli.Tests;

/// <summary>What a run of cgupload printed and exited with.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs cgupload in this process against a fake server, through the environment variables a user would set.</summary>
public static class CliRun
{
    public static Task<CliResult> RunAsync(FakeUploadServer server, params string[] args) =>
        RunAsync(server, new TestConsole().Width(250), null, TestContext.Current.CancellationToken, args);

    public static async Task<CliResult> RunAsync(FakeUploadServer? server, TestConsole output, Dictionary<string, string>? environment,
        CancellationToken cancellationToken, params string[] args)
    {
        var error = new TestConsole().Width(250);
        Dictionary<string, string> variables = environment ?? Credentials(server!);
        var host = new CliHost
        {
            Out = output,
            Error = error,
            Environment = name => variables.GetValueOrDefault(name),
            ConfigureClient = options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        int code = await CliApp.RunAsync(args, host, cancellationToken);
        return new CliResult(code, output.Output, error.Output);
    }

    /// <summary>The variables that point cgupload at the fake, with a profile path that does not exist.</summary>
    public static Dictionary<string, string> Credentials(FakeUploadServer server) => new()
    {
        ["CODEGOODLY_UPLOAD_BASEADDRESS"] = server.BaseAddress.AbsoluteUri,
        ["CODEGOODLY_UPLOAD_KEY1"] = server.Key1,
        ["CODEGOODLY_UPLOAD_KEY2"] = server.Key2,
        ["CODEGOODLY_UPLOAD_ALLOWINSECUREHTTP"] = "true",
        ["CODEGOODLY_UPLOAD_PROFILE"] = Path.Combine(Path.GetTempPath(), "cg-no-profile-" + Guid.NewGuid().ToString("N"), "profile.json"),
    };
}
