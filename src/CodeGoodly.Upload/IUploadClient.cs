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

    /// <summary>Whole directory trees: upload a local directory into a folder, download a folder into a local directory.</summary>
    ITransfersClient Transfers { get; }
}
