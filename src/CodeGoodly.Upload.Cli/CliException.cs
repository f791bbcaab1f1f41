namespace CodeGoodly.Upload.Cli;

/// <summary>A failure the user caused or can fix, with the exit code that says which kind; its message is printed as is.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
}
