using CodeGoodly.Upload.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli;

/// <summary><c>cgupload</c>'s commands, help and exit codes, run against a <see cref="CliHost"/>.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(host);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("cgupload");
            config.ConfigureConsole(host.Out);
            config.SetHelpProvider(new ExitCodeHelpProvider(config.Settings));
            config.CancellationExitCode(ExitCodes.Cancelled);
            config.UseStrictParsing();
            config.SetExceptionHandler((failure, _) => Handle(failure, host));

            config.AddCommand<ListCommand>("ls").WithDescription("List a folder: its folders and files, with sizes and ids.")
                .WithExample("ls", "/backups").WithExample("ls", "folder:125", "--json");
            config.AddCommand<TreeCommand>("tree").WithDescription("Show a folder and everything below it.")
                .WithExample("tree", "/backups");
            config.AddCommand<PutCommand>("put").WithDescription("Upload a file, or a directory with everything below it (into a folder of its name, found or created). Files already there with the same size are skipped.")
                .WithExample("put", "report.pdf", "/backups").WithExample("put", "./photos", "/backups/2026", "--existing", "keep-both");
            config.AddCommand<GetCommand>("get").WithDescription("Download a file, or a folder with everything below it (into a directory of its name).")
                .WithExample("get", "/backups/report.pdf", ".").WithExample("get", "/backups/2026/photos", "./restore");
            config.AddCommand<MkdirCommand>("mkdir").WithDescription("Make a folder.").WithExample("mkdir", "-p", "/backups/2026/06");
            config.AddCommand<MoveCommand>("mv").WithDescription("Move a file or folder into a folder, or to a new path (which renames it).")
                .WithExample("mv", "/inbox/q3.pdf", "/reports").WithExample("mv", "/reports/q3.pdf", "/reports/q3-final.pdf");
            config.AddCommand<CopyCommand>("cp").WithDescription("Copy a file (on the server), or a folder with everything below it.")
                .WithExample("cp", "/reports/q3.pdf", "/archive");
            config.AddCommand<RemoveCommand>("rm").WithDescription("Delete a file (to the server's trash) or a folder (-r when it is not empty).")
                .WithExample("rm", "/tmp/old.zip").WithExample("rm", "-r", "/tmp");
            config.AddCommand<InfoCommand>("info").WithDescription("Show everything the server says about a file or folder.")
                .WithExample("info", "file:1253");
            config.AddCommand<LinkCommand>("link").WithDescription("Print a file's download link (or a folder's page).")
                .WithExample("link", "/reports/q3.pdf");
            config.AddCommand<AccountCommand>("account").WithDescription("Show the signed-in account and its package's limits.");
            config.AddCommand<LoginCommand>("login").WithDescription("Ask for the server and credentials (typed without echo), check them, and save them in your profile (readable by you only).")
                .WithExample("login", "--base-address", "https://upload.example.com/api/v2/");
        });
        return await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints a failure on stderr, in the server's words where there are some, and picks its exit code. Never a stack trace, never a secret.</summary>
    private static int Handle(Exception failure, CliHost host)
    {
        while (failure is AggregateException { InnerExceptions.Count: 1 } single)
        {
            failure = single.InnerExceptions[0];
        }

        (int code, string message) = failure switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            CommandAppException usage => (ExitCodes.Usage, usage.Message),
            OperationCanceledException => (ExitCodes.Cancelled, "Cancelled."),
            UploadApiException { Kind: UploadErrorKind.Authentication } refused => (ExitCodes.Authentication, refused.Message),
            UploadApiException { Kind: UploadErrorKind.NotFound } missing => (ExitCodes.NotFound, missing.Message),
            UploadApiException api => (ExitCodes.Error, api.Message),
            FileNotFoundException or DirectoryNotFoundException => (ExitCodes.NotFound, failure.Message),
            ArgumentException bad => (ExitCodes.Usage, bad.Message),
            IOException or UnauthorizedAccessException => (ExitCodes.Error, failure.Message),
            _ => (ExitCodes.Error, $"{failure.GetType().Name}: {failure.Message}"),
        };
        host.Error.MarkupLineInterpolated($"[red]cgupload:[/] {message}");
        return code;
    }
}
