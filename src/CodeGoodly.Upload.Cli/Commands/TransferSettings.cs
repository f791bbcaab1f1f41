using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

/// <summary>Options of <c>put</c> and <c>get</c>.</summary>
internal class TransferSettings : CommonSettings
{
    [CommandOption("--existing <POLICY>")]
    [Description("A file already there with the same name: [green]skip[/] it when the size matches and replace it otherwise (default), [green]replace[/] it always, or [green]keep-both[/] (the new one becomes \"name (2).ext\").")]
    [DefaultValue("skip")]
    public string Existing { get; init; } = "skip";

    [CommandOption("-j|--concurrency <N>")]
    [Description("Files at once (0: the account package's limit, at most 16; 4 when it sets none).")]
    [DefaultValue(0)]
    public int Concurrency { get; init; }

    public ExistingFilePolicy Policy => Existing.ToUpperInvariant() switch
    {
        "SKIP" or "SKIP-SAME-SIZE" => ExistingFilePolicy.SkipSameSize,
        "REPLACE" => ExistingFilePolicy.Replace,
        "KEEP-BOTH" or "KEEPBOTH" => ExistingFilePolicy.KeepBoth,
        _ => throw CliException.Usage($"--existing '{Existing}' is not one of skip, replace, keep-both."),
    };

    public DirectoryTransferOptions Options => new() { ExistingFiles = Policy, MaxConcurrency = Concurrency };

    public override ValidationResult Validate()
    {
        if (Concurrency < 0)
        {
            return ValidationResult.Error("--concurrency must be 0 (the package's limit) or more.");
        }

        return Existing.ToUpperInvariant() is "SKIP" or "SKIP-SAME-SIZE" or "REPLACE" or "KEEP-BOTH" or "KEEPBOTH"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--existing '{Existing}' is not one of skip, replace, keep-both.");
    }
}
