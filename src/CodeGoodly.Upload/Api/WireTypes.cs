using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Api;

// The JSON as deployed servers send it. Every scalar is read as a string by LenientStringConverter (numbers, strings,
// booleans and nulls alike), so "1253", 1253 and null all land here; WireMapper turns them into typed values.
// Unknown fields are ignored by System.Text.Json's default.

/// <summary>The fields every answer carries: <c>_status</c> (or <c>status</c> on errors), <c>response</c>, and <c>"0"</c> on unknown actions.</summary>
internal class WireEnvelope
{
    [JsonPropertyName("_status")] public string? Status { get; set; }
    [JsonPropertyName("status")] public string? ErrorStatus { get; set; }
    [JsonPropertyName("response")] public string? Response { get; set; }
    [JsonPropertyName("0")] public string? IndexedMessage { get; set; }
    [JsonPropertyName("_datetime")] public string? DateTime { get; set; }
}

internal sealed class WireEnvelope<T> : WireEnvelope
{
    [JsonPropertyName("data")] public T? Data { get; set; }
}

/// <summary><c>/file/copy</c> answers without a top-level <c>data</c>.</summary>
internal sealed class WireCopyEnvelope : WireEnvelope
{
    [JsonPropertyName("original_file")] public WireEnvelope<WireFile>? OriginalFile { get; set; }
    [JsonPropertyName("new_file")] public WireEnvelope<WireFile>? NewFile { get; set; }
}

internal sealed class WireToken
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
}

internal sealed class WireAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("level_id")] public string? LevelId { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("lastlogindate")] public string? LastLoginDate { get; set; }
    [JsonPropertyName("lastloginip")] public string? LastLoginIp { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("firstname")] public string? FirstName { get; set; }
    [JsonPropertyName("lastname")] public string? LastName { get; set; }
    [JsonPropertyName("languageId")] public string? LanguageId { get; set; }
    [JsonPropertyName("datecreated")] public string? DateCreated { get; set; }
    [JsonPropertyName("lastPayment")] public string? LastPayment { get; set; }
    [JsonPropertyName("paidExpiryDate")] public string? PaidExpiryDate { get; set; }
    [JsonPropertyName("storageLimitOverride")] public string? StorageLimitOverride { get; set; }
}

internal sealed class WirePackage
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("max_upload_size")] public string? MaxUploadSize { get; set; }
    [JsonPropertyName("can_upload")] public string? CanUpload { get; set; }
    [JsonPropertyName("wait_between_downloads")] public string? WaitBetweenDownloads { get; set; }
    [JsonPropertyName("download_speed")] public string? DownloadSpeed { get; set; }
    [JsonPropertyName("max_storage_bytes")] public string? MaxStorageBytes { get; set; }
    [JsonPropertyName("show_site_adverts")] public string? ShowSiteAdverts { get; set; }
    [JsonPropertyName("show_upgrade_screen")] public string? ShowUpgradeScreen { get; set; }
    [JsonPropertyName("days_to_keep_inactive_files")] public string? DaysToKeepInactiveFiles { get; set; }
    [JsonPropertyName("concurrent_uploads")] public string? ConcurrentUploads { get; set; }
    [JsonPropertyName("concurrent_downloads")] public string? ConcurrentDownloads { get; set; }
    [JsonPropertyName("downloads_per_24_hours")] public string? DownloadsPer24Hours { get; set; }
    [JsonPropertyName("max_download_filesize_allowed")] public string? MaxDownloadFileSizeAllowed { get; set; }
    [JsonPropertyName("max_remote_download_urls")] public string? MaxRemoteDownloadUrls { get; set; }
    [JsonPropertyName("level_type")] public string? LevelType { get; set; }
    [JsonPropertyName("on_upgrade_page")] public string? OnUpgradePage { get; set; }
}

/// <summary>
/// <c>/package/listing</c>'s <c>data</c>: deployed servers send <c>{"packages":[…]}</c>; a bare array of packages reads too.
/// </summary>
[JsonConverter(typeof(WirePackageListConverter))]
internal sealed class WirePackageList
{
    public List<WirePackage>? Packages { get; set; }
}

internal sealed class WireUploadedFile
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("size")] public string? Size { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("delete_url")] public string? DeleteUrl { get; set; }
    [JsonPropertyName("info_url")] public string? InfoUrl { get; set; }
    [JsonPropertyName("delete_type")] public string? DeleteType { get; set; }
    [JsonPropertyName("delete_hash")] public string? DeleteHash { get; set; }
    [JsonPropertyName("hash")] public string? Hash { get; set; }
    [JsonPropertyName("stats_url")] public string? StatsUrl { get; set; }
    [JsonPropertyName("short_url")] public string? ShortUrl { get; set; }
    [JsonPropertyName("file_id")] public string? FileId { get; set; }
    [JsonPropertyName("unique_hash")] public string? UniqueHash { get; set; }
    [JsonPropertyName("url_html")] public string? UrlHtml { get; set; }
    [JsonPropertyName("url_bbcode")] public string? UrlBbCode { get; set; }
}

internal sealed class WireDownloadLink
{
    [JsonPropertyName("file_id")] public string? FileId { get; set; }
    [JsonPropertyName("filename")] public string? FileName { get; set; }
    [JsonPropertyName("download_url")] public string? DownloadUrl { get; set; }
}

internal sealed class WireFile
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("filename")] public string? FileName { get; set; }
    [JsonPropertyName("shortUrl")] public string? ShortUrl { get; set; }
    [JsonPropertyName("fileType")] public string? FileType { get; set; }
    [JsonPropertyName("extension")] public string? Extension { get; set; }
    [JsonPropertyName("fileSize")] public string? FileSize { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("file_status")] public string? FileStatus { get; set; }
    [JsonPropertyName("downloads")] public string? Downloads { get; set; }
    [JsonPropertyName("folderId")] public string? FolderId { get; set; }
    [JsonPropertyName("keywords")] public string? Keywords { get; set; }
    [JsonPropertyName("url_file")] public string? UrlFile { get; set; }
    [JsonPropertyName("uploadedDate")] public string? UploadedDate { get; set; }
    [JsonPropertyName("lastAccessed")] public string? LastAccessed { get; set; }
    [JsonPropertyName("uploadSource")] public string? UploadSource { get; set; }
    [JsonPropertyName("url_file_info")] public string? UrlFileInfo { get; set; }
    [JsonPropertyName("url_file_stats")] public string? UrlFileStats { get; set; }
    [JsonPropertyName("url_file_delete")] public string? UrlFileDelete { get; set; }
}

internal sealed class WireFolder
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("parentId")] public string? ParentId { get; set; }
    [JsonPropertyName("folderName")] public string? FolderName { get; set; }
    [JsonPropertyName("totalSize")] public string? TotalSize { get; set; }
    [JsonPropertyName("isPublic")] public string? IsPublic { get; set; }
    [JsonPropertyName("accessPassword")] public string? AccessPassword { get; set; }
    [JsonPropertyName("date_added")] public string? DateAdded { get; set; }
    [JsonPropertyName("date_updated")] public string? DateUpdated { get; set; }
    [JsonPropertyName("url_folder")] public string? UrlFolder { get; set; }
    [JsonPropertyName("total_downloads")] public string? TotalDownloads { get; set; }
    [JsonPropertyName("child_folder_count")] public string? ChildFolderCount { get; set; }
    [JsonPropertyName("file_count")] public string? FileCount { get; set; }
}

internal sealed class WireListing
{
    [JsonPropertyName("folders")] public List<WireFolder>? Folders { get; set; }
    [JsonPropertyName("files")] public List<WireFile>? Files { get; set; }
}
