namespace CodeGoodly.Upload.Cli;

/// <summary>What <c>cgupload</c> exits with: 0 only when everything asked for was done.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Authentication = 4;
    public const int Partial = 5;
    public const int Cancelled = 130;

    /// <summary>The table printed under <c>--help</c> and in docs/cli.md.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Ok, "ok: everything asked for was done"),
        (Error, "error: the server refused or failed, or a local file could not be read or written"),
        (Usage, "usage: unknown command or option, a bad argument, an ambiguous path"),
        (NotFound, "not found: a remote path or id, or a local path"),
        (Authentication, "authentication: no credentials, or the server refused them"),
        (Partial, "partial failure: some files failed (each listed on stderr), the rest were done"),
        (Cancelled, "cancelled (Ctrl+C): whole files stay, no partial file is left under its final name"),
    ];
}
