using CodeGoodly.Upload;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What DI hands out as <see cref="IUploadClient"/>: a view of the registration's one <see cref="UploadClient"/> with nothing to dispose,
/// so the container does not keep it (a container keeps every transient <see cref="IDisposable"/> it creates until it ends itself).
/// </summary>
internal sealed class RegisteredUploadClient(UploadClient shared) : IUploadClient
{
    /// <inheritdoc />
    public IAccountClient Account => shared.Account;

    /// <inheritdoc />
    public IFilesClient Files => shared.Files;

    /// <inheritdoc />
    public IFoldersClient Folders => shared.Folders;

    /// <inheritdoc />
    public IAdminClient Admin => shared.Admin;

    /// <inheritdoc />
    public ITransfersClient Transfers => shared.Transfers;

    /// <inheritdoc />
    public Task SignOutAsync(CancellationToken cancellationToken = default) => shared.SignOutAsync(cancellationToken);
}
