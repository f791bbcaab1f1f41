using Spectre.Console;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class GetSettings : TransferSettings
{
    [CommandArgument(0, "<REMOTE>")]
    [Description("A file or folder, as a path or an id. A folder is downloaded with everything below it.")]
    public string Remote { get; init; } = string.Empty;

    [CommandArgument(1, "<LOCAL>")]
    [Description("For a file: a directory to put it in, or the file path to write. For a folder: the directory in which a directory of the folder's name is made (the root's contents go straight in).")]
    public string Local { get; init; } = string.Empty;
}

/// <summary><c>get</c>: downloads a file, or a folder's tree into a directory of the same name.</summary>
internal sealed class GetCommand(CliHost host) : ClientCommand<GetSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, GetSettings settings, CancellationToken cancellationToken)
    {
        ExistingFilePolicy policy = settings.Policy;
        RemoteItem item = await resolver.ResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        string local = Path.GetFullPath(settings.Local);
        var view = new TransferView(Out, settings.Json);
        var clock = Stopwatch.StartNew();
        if (item is RemoteFolder folder)
        {
            string target = folder.IsRoot ? local : Path.Combine(local, SafeName(folder.Name));
            DirectoryTransferResult result = await view.RunTreeAsync($"get {(folder.IsRoot ? "/" : folder.Name)}", progress =>
                client.Transfers.DownloadFolderAsync(folder.Id, target, settings.Options, progress, cancellationToken)).ConfigureAwait(false);
            return Report($"get {folder.Path} → {target}", result, clock.Elapsed, settings.Json);
        }

        var file = (RemoteFile)item;
        string path = Directory.Exists(local) ? Path.Combine(local, SafeName(file.Name)) : local;
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw CliException.NotFound($"Not found: {Path.GetDirectoryName(path)} (no such local directory)");
        }

        if (File.Exists(path))
        {
            if (policy == ExistingFilePolicy.SkipSameSize && new FileInfo(path).Length == file.Details.FileSize)
            {
                return Done(settings.Json, path, "skipped (same name and size already there)", file.Details);
            }

            if (policy == ExistingFilePolicy.KeepBoth)
            {
                path = FreeLocalName(path);
            }
        }

        await view.RunFileAsync($"get {file.Name}", file.Details.FileSize, async progress =>
        {
            await client.Files.DownloadToFileAsync(file.Details.Id, path, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return Done(settings.Json, path, "downloaded", file.Details);
    }

    private int Done(bool json, string path, string what, FileDetails file)
    {
        if (json)
        {
            JsonObject result = JsonOutput.File(file);
            result["localPath"] = path;
            result["outcome"] = what.Split(' ')[0];
            JsonOutput.Write(Out, result);
        }
        else
        {
            Out.MarkupLineInterpolated($"{path}: [green]{what}[/] ({Sizes.Format(file.FileSize)})");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A remote name used as a local one: never a path, so a server's names cannot point outside the target.</summary>
    private static string SafeName(string name) =>
        string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0
            ? throw new CliException(ExitCodes.Error, $"The remote name '{name}' cannot be used as a local file name.")
            : name;

    private static string FreeLocalName(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        string extension = Path.GetExtension(path);
        string stem = Path.GetFileNameWithoutExtension(path);
        if (stem.Length == 0)
        {
            (stem, extension) = (Path.GetFileName(path), string.Empty);
        }

        for (int number = 2; ; number++)
        {
            string candidate = Path.Combine(directory, $"{stem} ({number}){extension}");
            if (!File.Exists(candidate) && !Directory.Exists(candidate))
            {
                return candidate;
            }
        }
    }
}
