using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CodeGoodly.Upload.Cli.Output;

/// <summary>The <c>--json</c> shapes: plain objects with camelCase names, ids as numbers, dates in ISO 8601.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the JSON to the console's raw writer (no markup, no wrapping at the console's width).</summary>
    public static void Write(IAnsiConsole console, JsonNode node)
    {
        TextWriter writer = console.Profile.Out.Writer;
        writer.WriteLine(node.ToJsonString(Indented));
        writer.Flush();
    }

    public static JsonObject File(FileDetails file, string? path = null) => new()
    {
        ["type"] = "file",
        ["id"] = file.Id.Value,
        ["name"] = file.FileName,
        ["path"] = path,
        ["size"] = file.FileSize,
        ["folderId"] = file.FolderId?.Value,
        ["fileType"] = file.FileType,
        ["status"] = file.Status,
        ["downloads"] = file.Downloads,
        ["uploadedDate"] = Date(file.UploadedDate),
        ["url"] = file.UrlFile?.AbsoluteUri,
    };

    public static JsonObject Folder(FolderDetails folder, string? path = null) => new()
    {
        ["type"] = "folder",
        ["id"] = folder.Id.Value,
        ["name"] = folder.FolderName,
        ["path"] = path,
        ["parentId"] = folder.ParentId?.Value,
        ["totalSize"] = folder.TotalSize,
        ["visibility"] = folder.Visibility.ToString(),
        ["fileCount"] = folder.FileCount,
        ["childFolderCount"] = folder.ChildFolderCount,
        ["dateAdded"] = Date(folder.DateAdded),
        ["url"] = folder.UrlFolder?.AbsoluteUri,
    };

    public static JsonObject Result(DirectoryTransferResult result) => new()
    {
        ["transferred"] = new JsonArray([.. result.Transferred.Select(p => (JsonNode?)p)]),
        ["skipped"] = new JsonArray([.. result.Skipped.Select(p => (JsonNode?)p)]),
        ["failed"] = new JsonArray([.. result.Failed.Select(f => (JsonNode?)new JsonObject { ["path"] = f.RelativePath, ["error"] = f.Error.Message })]),
        ["linksNotFollowed"] = new JsonArray([.. result.LinksNotFollowed.Select(p => (JsonNode?)p)]),
        ["foldersCreated"] = result.FoldersCreated,
        ["bytesTransferred"] = result.BytesTransferred,
    };

    private static string? Date(DateTimeOffset? date) => date?.ToString("O", CultureInfo.InvariantCulture);
}
