namespace CodeGoodly.Upload.Api;

/// <summary>Turns wire DTOs into the public records, reading dates in the server's time zone.</summary>
internal sealed class WireMapper(TimeZoneInfo serverTimeZone)
{
    public TimeZoneInfo ServerTimeZone { get; } = serverTimeZone;

    public AccountInfo ToAccount(WireAccount wire) => new()
    {
        Id = WireValue.RequiredLong(wire.Id, "id"),
        Username = WireValue.RequiredString(wire.Username, "username"),
        LevelId = WireValue.Int(wire.LevelId, "level_id") ?? 0,
        Email = wire.Email,
        LastLoginDate = Date(wire.LastLoginDate, "lastlogindate"),
        LastLoginIp = wire.LastLoginIp,
        Status = wire.Status,
        Title = wire.Title,
        FirstName = wire.FirstName,
        LastName = wire.LastName,
        LanguageId = WireValue.Int(wire.LanguageId, "languageId"),
        DateCreated = Date(wire.DateCreated, "datecreated"),
        LastPayment = Date(wire.LastPayment, "lastPayment"),
        PaidExpiryDate = Date(wire.PaidExpiryDate, "paidExpiryDate"),
        StorageLimitOverride = WireValue.Long(wire.StorageLimitOverride, "storageLimitOverride"),
    };

    public static AccountPackage ToPackage(WirePackage wire) => new()
    {
        Id = WireValue.RequiredLong(wire.Id, "id"),
        Label = WireValue.RequiredString(wire.Label, "label"),
        MaxUploadSize = WireValue.Long(wire.MaxUploadSize, "max_upload_size") ?? 0,
        CanUpload = WireValue.Flag(wire.CanUpload, "can_upload"),
        WaitBetweenDownloads = WireValue.Int(wire.WaitBetweenDownloads, "wait_between_downloads") ?? 0,
        DownloadSpeed = WireValue.Long(wire.DownloadSpeed, "download_speed") ?? 0,
        MaxStorageBytes = WireValue.Long(wire.MaxStorageBytes, "max_storage_bytes") ?? 0,
        ShowSiteAdverts = WireValue.Flag(wire.ShowSiteAdverts, "show_site_adverts"),
        ShowUpgradeScreen = WireValue.Flag(wire.ShowUpgradeScreen, "show_upgrade_screen"),
        DaysToKeepInactiveFiles = WireValue.Int(wire.DaysToKeepInactiveFiles, "days_to_keep_inactive_files") ?? 0,
        ConcurrentUploads = WireValue.Int(wire.ConcurrentUploads, "concurrent_uploads") ?? 0,
        ConcurrentDownloads = WireValue.Int(wire.ConcurrentDownloads, "concurrent_downloads") ?? 0,
        DownloadsPer24Hours = WireValue.Int(wire.DownloadsPer24Hours, "downloads_per_24_hours") ?? 0,
        MaxDownloadFileSizeAllowed = WireValue.Long(wire.MaxDownloadFileSizeAllowed, "max_download_filesize_allowed") ?? 0,
        MaxRemoteDownloadUrls = WireValue.Int(wire.MaxRemoteDownloadUrls, "max_remote_download_urls") ?? 0,
        LevelType = wire.LevelType,
        OnUpgradePage = WireValue.Flag(wire.OnUpgradePage, "on_upgrade_page"),
    };

    public static UploadedFile ToUploadedFile(WireUploadedFile wire) => new()
    {
        FileId = new FileId(WireValue.RequiredLong(wire.FileId, "file_id")),
        Name = WireValue.RequiredString(wire.Name, "name"),
        Size = WireValue.Long(wire.Size, "size") ?? 0,
        Type = wire.Type,
        Url = WireValue.Url(wire.Url),
        DeleteUrl = WireValue.Url(wire.DeleteUrl),
        InfoUrl = WireValue.Url(wire.InfoUrl),
        StatsUrl = WireValue.Url(wire.StatsUrl),
        ShortUrl = wire.ShortUrl,
        Hash = wire.Hash,
        UniqueHash = wire.UniqueHash,
        DeleteHash = wire.DeleteHash,
        UrlHtml = wire.UrlHtml,
        UrlBbCode = wire.UrlBbCode,
    };

    public static DownloadLink ToDownloadLink(WireDownloadLink wire) => new()
    {
        FileId = new FileId(WireValue.RequiredLong(wire.FileId, "file_id")),
        FileName = WireValue.RequiredString(wire.FileName, "filename"),
        DownloadUrl = WireValue.Url(wire.DownloadUrl) ?? throw new FormatException("Field 'download_url' is missing or not an absolute URL."),
    };

    public FileDetails ToFile(WireFile wire) => new()
    {
        Id = new FileId(WireValue.RequiredLong(wire.Id, "id")),
        FileName = WireValue.RequiredString(wire.FileName, "filename"),
        ShortUrl = wire.ShortUrl,
        FileType = wire.FileType,
        Extension = wire.Extension,
        FileSize = WireValue.Long(wire.FileSize, "fileSize"),
        Status = wire.FileStatus ?? wire.Status,
        Downloads = WireValue.Long(wire.Downloads, "downloads"),
        FolderId = WireValue.OptionalFolder(wire.FolderId, "folderId"),
        Keywords = wire.Keywords,
        UrlFile = WireValue.Url(wire.UrlFile),
        UploadedDate = Date(wire.UploadedDate, "uploadedDate"),
        LastAccessed = Date(wire.LastAccessed, "lastAccessed"),
        UploadSource = wire.UploadSource,
        UrlFileInfo = WireValue.Url(wire.UrlFileInfo),
        UrlFileStats = WireValue.Url(wire.UrlFileStats),
        UrlFileDelete = WireValue.Url(wire.UrlFileDelete),
    };

    public FolderDetails ToFolder(WireFolder wire) => new()
    {
        Id = new FolderId(WireValue.RequiredLong(wire.Id, "id")),
        ParentId = WireValue.OptionalFolder(wire.ParentId, "parentId"),
        FolderName = WireValue.RequiredString(wire.FolderName, "folderName"),
        TotalSize = WireValue.Long(wire.TotalSize, "totalSize"),
        Visibility = WireValue.Visibility(wire.IsPublic, "isPublic"),
        AccessPassword = string.IsNullOrEmpty(wire.AccessPassword) ? null : wire.AccessPassword,
        DateAdded = Date(wire.DateAdded, "date_added"),
        DateUpdated = Date(wire.DateUpdated, "date_updated"),
        UrlFolder = WireValue.Url(wire.UrlFolder),
        TotalDownloads = WireValue.Long(wire.TotalDownloads, "total_downloads"),
        ChildFolderCount = WireValue.Int(wire.ChildFolderCount, "child_folder_count"),
        FileCount = WireValue.Int(wire.FileCount, "file_count"),
    };

    public FolderListing ToListing(WireListing wire) => new()
    {
        Folders = (wire.Folders ?? []).OfType<WireFolder>().Select(ToFolder).ToArray(),
        Files = (wire.Files ?? []).OfType<WireFile>().Select(ToFile).ToArray(),
    };

    private DateTimeOffset? Date(string? value, string field) => WireValue.Date(value, ServerTimeZone, field);
}
