namespace CodeGoodly.Upload;

/// <summary>The File Upload API v2: one sub-client per resource. Inject it, or create an <see cref="UploadClient"/>.</summary>
public interface IUploadClient
{
    /// <summary>The signed-in account and its package.</summary>
    IAccountClient Account { get; }

    /// <summary>Upload, download and manage files.</summary>
    IFilesClient Files { get; }

    /// <summary>Create, list and manage folders.</summary>
    IFoldersClient Folders { get; }

    /// <summary>Administrator endpoints (accounts with <c>level_id</c> 20): create, edit and delete accounts, list packages.</summary>
    IAdminClient Admin { get; }

    /// <summary>
    /// Disables the access token the client holds now on the server (<c>/disable_access_token</c>); with none (not signed in yet, or
    /// signed out already) it sends nothing. It never signs in: concurrent sign-outs disable the token once. The next call signs in again.
    /// With a shared session store the token is removed from the store too, so every instance signs in afresh.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the token is disabled (or there was none).</returns>
    /// <exception cref="UploadApiException">The server could not be reached or failed (tried once, never retried); the token is forgotten anyway.</exception>
    Task SignOutAsync(CancellationToken cancellationToken = default);

    /// <summary>Whole directory trees: upload a local directory into a folder, download a folder into a local directory.</summary>
    ITransfersClient Transfers { get; }
}
