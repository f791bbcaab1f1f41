namespace CodeGoodly.Upload;

/// <summary>Folders (<c>/folder/*</c>): create, list, information, edit, delete and move.</summary>
public interface IFoldersClient
{
    /// <summary>Creates a folder (<c>/folder/create</c>).</summary>
    /// <param name="folderName">The name, any Unicode.</param>
    /// <param name="parentId">The parent folder; <see langword="null"/> for the root folder.</param>
    /// <param name="visibility">Who can see it.</param>
    /// <param name="accessPassword">An access password in plain text; the SDK sends only its MD5 hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FolderDetails> CreateAsync(string folderName, FolderId? parentId = null,
        FolderVisibility visibility = FolderVisibility.Private, string? accessPassword = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists a folder's folders and active files (<c>/folder/listing</c>).</summary>
    /// <param name="folderId">The folder; <see langword="null"/> for the root folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FolderListing> ListAsync(FolderId? folderId = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a folder's details (<c>/folder/info</c>).</summary>
    /// <param name="folderId">The folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The folder does not exist (<see cref="UploadErrorKind.NotFound"/>) or the call failed.</exception>
    Task<FolderDetails> GetInfoAsync(FolderId folderId, CancellationToken cancellationToken = default);

    /// <summary>Renames a folder, changes its parent, visibility or password (<c>/folder/edit</c>).</summary>
    /// <param name="folderId">The folder.</param>
    /// <param name="changes">What to change; at least one member must be set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FolderDetails> EditAsync(FolderId folderId, FolderChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a folder (<c>/folder/delete</c>). A folder that does not exist fails with the server's <c>Failed deleting the folder.</c></summary>
    /// <param name="folderId">The folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(FolderId folderId, CancellationToken cancellationToken = default);

    /// <summary>Moves a folder under another (<c>/folder/move</c>).</summary>
    /// <param name="folderId">The folder.</param>
    /// <param name="newParentFolderId">The new parent; <see langword="null"/> for the root folder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<FolderDetails> MoveAsync(FolderId folderId, FolderId? newParentFolderId, CancellationToken cancellationToken = default);
}
