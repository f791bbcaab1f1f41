namespace CodeGoodly.Upload;

/// <summary>What to change in <see cref="IFoldersClient.EditAsync"/>; a <see langword="null"/> member is left as it is.</summary>
/// <param name="FolderName">The new folder name.</param>
/// <param name="ParentId">The new parent folder (moves the folder). To move a folder to the root use <see cref="IFoldersClient.MoveAsync"/>.</param>
/// <param name="Visibility">The new visibility.</param>
/// <param name="AccessPassword">A new access password in plain text; the SDK sends only its MD5 hash. Never logged or printed.</param>
public sealed record FolderChanges(string? FolderName = null, FolderId? ParentId = null,
    FolderVisibility? Visibility = null, string? AccessPassword = null)
{
    /// <summary>Describes the changes without the access password.</summary>
    public override string ToString() =>
        $"FolderChanges {{ FolderName = {FolderName}, ParentId = {ParentId}, Visibility = {Visibility}, AccessPassword = {(AccessPassword is null ? "" : "***")} }}";
}
