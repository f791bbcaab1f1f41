using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class ListSettings : CommonSettings
{
    [CommandArgument(0, "[REMOTE]")]
    [Description("A folder (or file) path such as /backups/2026, or an id (id:125, folder:125, file:1253). Default: / (the root).")]
    public string Remote { get; init; } = "/";
}

/// <summary><c>ls</c>: what a folder holds.</summary>
internal sealed class ListCommand(CliHost host) : ClientCommand<ListSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, ListSettings settings, CancellationToken cancellationToken)
    {
        RemoteItem item = await resolver.ResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FolderDetails> folders = [];
        IReadOnlyList<FileDetails> files;
        if (item is RemoteFile file)
        {
            files = [file.Details];
        }
        else
        {
            FolderListing listing = await client.Folders.ListAsync(((RemoteFolder)item).Id, cancellationToken).ConfigureAwait(false);
            (folders, files) = (listing.Folders, listing.Files);
        }

        if (settings.Json)
        {
            JsonOutput.Write(Out, new JsonObject
            {
                ["path"] = item.Path,
                ["folders"] = new JsonArray([.. folders.Select(f => (JsonNode?)JsonOutput.Folder(f, RemoteResolver.Join(item.Path, f.FolderName)))]),
                ["files"] = new JsonArray([.. files.Select(f => (JsonNode?)JsonOutput.File(f, item is RemoteFile ? item.Path : RemoteResolver.Join(item.Path, f.FileName)))]),
            });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.None).AddColumns("Name", "Size", "Id", "Date");
        table.Columns[1].RightAligned();
        foreach (FolderDetails folder in folders)
        {
            table.AddRow(new Markup($"[blue]{Markup.Escape(folder.FolderName)}/[/]"), new Text(Sizes.Format(folder.TotalSize)), new Text("folder:" + folder.Id), new Text(Sizes.Date(folder.DateAdded)));
        }

        foreach (FileDetails entry in files)
        {
            table.AddRow(new Text(entry.FileName), new Text(Sizes.Format(entry.FileSize)), new Text("file:" + entry.Id), new Text(Sizes.Date(entry.UploadedDate)));
        }

        Out.Write(table);
        Out.MarkupLineInterpolated($"[grey]{folders.Count} folders, {files.Count} files[/]");
        return ExitCodes.Ok;
    }
}
