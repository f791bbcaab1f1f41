using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload;

/// <summary>The <c>/folder/*</c> endpoints.</summary>
internal sealed class FoldersClient(IUploadApi api, WireMapper mapper) : IFoldersClient
{
    public Task<FolderDetails> CreateAsync(string folderName, FolderId? parentId = null,
        FolderVisibility visibility = FolderVisibility.Private, string? accessPassword = null, CancellationToken cancellationToken = default)
    {
        var form = new FolderCreateForm
        {
            FolderName = Guard.Name(folderName, nameof(folderName)),
            ParentId = WireFormat.Destination(Guard.Destination(parentId, nameof(parentId)), root: string.Empty),
            IsPublic = WireFormat.Visibility(Guard.Visibility(visibility, nameof(visibility))),
            AccessPassword = PasswordHash.Md5Hex(accessPassword),
        };
        return CallFolderAsync(Endpoints.FolderCreate, ct => api.FolderCreateAsync(form, ct), cancellationToken);
    }

    public Task<FolderListing> ListAsync(FolderId? folderId = null, CancellationToken cancellationToken = default)
    {
        var form = new FolderListingForm { ParentFolderId = WireFormat.Destination(Guard.Destination(folderId, nameof(folderId)), root: string.Empty) };
        return ApiCaller.CallAsync(Endpoints.FolderListing, ct => api.FolderListingAsync(form, ct), WireJsonContext.Default.WireEnvelopeWireListing,
            envelope => mapper.ToListing(ApiResponseReader.Data(envelope)), cancellationToken);
    }

    public Task<FolderDetails> GetInfoAsync(FolderId folderId, CancellationToken cancellationToken = default)
    {
        var form = new FolderIdForm { FolderId = WireFormat.Id(Guard.Id(folderId, nameof(folderId))) };
        return CallFolderAsync(Endpoints.FolderInfo, ct => api.FolderInfoAsync(form, ct), cancellationToken);
    }

    public Task<FolderDetails> EditAsync(FolderId folderId, FolderChanges changes, CancellationToken cancellationToken = default)
    {
        string id = WireFormat.Id(Guard.Id(folderId, nameof(folderId)));
        ArgumentNullException.ThrowIfNull(changes);
        if (changes is { FolderName: null, ParentId: null, Visibility: null, AccessPassword: null })
        {
            throw new ArgumentException("FolderChanges must set at least one of FolderName, ParentId, Visibility or AccessPassword.", nameof(changes));
        }

        var form = new FolderEditForm
        {
            FolderId = id,
            FolderName = Guard.OptionalName(changes.FolderName, nameof(changes)),
            ParentId = changes.ParentId is { } parent ? WireFormat.Id(Guard.Id(parent, nameof(changes))) : null,
            IsPublic = changes.Visibility is { } visibility ? WireFormat.Visibility(Guard.Visibility(visibility, nameof(changes))) : null,
            AccessPassword = PasswordHash.Md5Hex(changes.AccessPassword),
        };
        return CallFolderAsync(Endpoints.FolderEdit, ct => api.FolderEditAsync(form, ct), cancellationToken);
    }

    public Task DeleteAsync(FolderId folderId, CancellationToken cancellationToken = default)
    {
        var form = new FolderIdForm { FolderId = WireFormat.Id(Guard.Id(folderId, nameof(folderId))) };
        return ApiCaller.CallAsync(Endpoints.FolderDelete, ct => api.FolderDeleteAsync(form, ct), WireJsonContext.Default.WireEnvelope,
            _ => true, cancellationToken);
    }

    public Task<FolderDetails> MoveAsync(FolderId folderId, FolderId? newParentFolderId, CancellationToken cancellationToken = default)
    {
        var form = new FolderMoveForm
        {
            FolderId = WireFormat.Id(Guard.Id(folderId, nameof(folderId))),
            NewParentFolderId = WireFormat.Destination(Guard.Destination(newParentFolderId, nameof(newParentFolderId)), root: "null"),
        };
        return CallFolderAsync(Endpoints.FolderMove, ct => api.FolderMoveAsync(form, ct), cancellationToken);
    }

    private Task<FolderDetails> CallFolderAsync(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        ApiCaller.CallAsync(endpoint, send, WireJsonContext.Default.WireEnvelopeWireFolder,
            envelope => mapper.ToFolder(ApiResponseReader.Data(envelope)), cancellationToken);
}
