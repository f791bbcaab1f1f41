namespace CodeGoodly.Upload.Testing.Tests.Trees;

/// <summary>Reads what a folder tree holds on the fake, through the SDK: every file by relative path, with its bytes.</summary>
public static class RemoteTree
{
    public static async Task<Dictionary<string, FileDetails>> FilesAsync(IUploadClient client, FolderId? folder, CancellationToken cancellationToken, string prefix = "")
    {
        var files = new Dictionary<string, FileDetails>(StringComparer.Ordinal);
        FolderListing listing = await client.Folders.ListAsync(folder, cancellationToken);
        foreach (FileDetails file in listing.Files)
        {
            files.Add(prefix + file.FileName, file);
        }

        foreach (FolderDetails child in listing.Folders)
        {
            foreach ((string path, FileDetails file) in await FilesAsync(client, child.Id, cancellationToken, prefix + child.FolderName + "/"))
            {
                files.Add(path, file);
            }
        }

        return files;
    }

    public static async Task<List<string>> FoldersAsync(IUploadClient client, FolderId? folder, CancellationToken cancellationToken, string prefix = "")
    {
        var folders = new List<string>();
        foreach (FolderDetails child in (await client.Folders.ListAsync(folder, cancellationToken)).Folders)
        {
            folders.Add(prefix + child.FolderName);
            folders.AddRange(await FoldersAsync(client, child.Id, cancellationToken, prefix + child.FolderName + "/"));
        }

        return [.. folders.Order(StringComparer.Ordinal)];
    }

    public static async Task<Dictionary<string, byte[]>> ContentsAsync(FakeUploadServer server, IUploadClient client, FolderId? folder, CancellationToken cancellationToken) =>
        (await FilesAsync(client, folder, cancellationToken)).ToDictionary(p => p.Key, p => server.GetFileContent(p.Value.Id)!, StringComparer.Ordinal);
}
