using Spectre.Console;

namespace CodeGoodly.Upload.Cli;

/// <summary>
/// What a run of <c>cgupload</c> talks to: the output and error consoles, the environment variables and where the
/// profile lives. The program passes the real ones; tests pass test consoles and their own variables.
/// </summary>
internal sealed class CliHost
{
    public const string EnvironmentPrefix = "CODEGOODLY_UPLOAD_";

    /// <summary>Results, listings and progress (stdout).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Errors and notes (stderr).</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>Changes every client's settings after they are read (tests: fast retries).</summary>
    public Action<UploadClientOptions>? ConfigureClient { get; init; }

    /// <summary>A <c>CODEGOODLY_UPLOAD_*</c> variable, trimmed, or <see langword="null"/> when unset or blank.</summary>
    public string? Setting(string name) => Environment(EnvironmentPrefix + name) is { Length: > 0 } value && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>The profile file: <c>CODEGOODLY_UPLOAD_PROFILE</c>, or <c>cgupload/profile.json</c> in the user's config directory.</summary>
    public string ProfilePath => Setting("PROFILE")
        ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.ApplicationData, System.Environment.SpecialFolderOption.DoNotVerify), "cgupload", "profile.json");

    /// <summary>The real consoles (errors on stderr) and the process environment.</summary>
    public static CliHost FromProcess() => new()
    {
        Out = AnsiConsole.Console,
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Environment = System.Environment.GetEnvironmentVariable,
    };
}
