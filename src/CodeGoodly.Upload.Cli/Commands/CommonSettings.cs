using System.ComponentModel;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

/// <summary>Options every command takes.</summary>
internal class CommonSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Write the result as JSON on stdout (no progress, no tables), for scripts.")]
    public bool Json { get; init; }

    [CommandOption("--fake")]
    [Description("Run against the embedded fake server (in this process, empty at start; nothing is sent anywhere).")]
    public bool Fake { get; init; }
}
