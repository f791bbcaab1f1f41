namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// The vendor's sample answers from upload-api-v2.md, copied verbatim. Where the vendor elided fields ("..." inside an object,
/// "…" for the rest of the envelope) the elision is removed, and an elided envelope tail becomes the smallest valid one:
/// <c>"_status": "success", "_datetime": "2024-11-28 22:52:06"</c>. Nothing else is changed.
/// </summary>
internal static class VendorSamples
{
    /// <summary>The /authorize sample.</summary>
    public const string Authorize = """
        { "data": { "access_token": "lGoVSof0VRwq1Gaza8fODfIxQ4pu6j6rZvnRUCRPunfw4q5ezk3dALLqQbUWu1ntxKkrnbgSzwoDWtSwOVJoHuPxFKt9LRCjCXK081SIxgmuJe1y9KXQfMoVwS4iJHBm", "account_id": "158642" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /disable_access_token sample.</summary>
    public const string DisableAccessToken = """
        { "response": "Token removed or no longer available.", "_status": "success", "_datetime": "…" }
        """;

    /// <summary>The /account/info sample.</summary>
    public const string AccountInfo = """
        { "data": { "id": "158642", "username": "admin", "level_id": "20", "email": "[email protected]", "lastlogindate": "2017-02-18 11:43:39", "lastloginip": "192.168.33.1", "status": "active", "title": "Mr", "firstname": "Admin", "lastname": "User", "languageId": "1", "datecreated": null, "lastPayment": "2011-12-27 13:45:22", "paidExpiryDate": null, "storageLimitOverride": null }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /account/package sample.</summary>
    public const string AccountPackage = """
        { "data": { "id": "20", "label": "Premium Account", "max_upload_size": "1073741824", "can_upload": "1", "wait_between_downloads": "0", "download_speed": "0", "max_storage_bytes": "0", "show_site_adverts": "0", "show_upgrade_screen": "1", "days_to_keep_inactive_files": "0", "concurrent_uploads": "100", "concurrent_downloads": "0", "downloads_per_24_hours": "0", "max_download_filesize_allowed": "0", "max_remote_download_urls": "50", "level_type": "paid user", "on_upgrade_page": "0" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/upload sample.</summary>
    public const string FileUpload = """
        { "response": "File uploaded", "data": [ { "name": "sample4_l.jpg", "size": "149084", "type": "application/octet-stream", "error": null, "url": "http://yoursite.com/2Vv", "delete_url": "http://yoursite.com/2Vv~d?41efa710444abad11a8f4b5a90e4d746", "info_url": "http://yoursite.com/2Vv~i?41efa710444abad11a8f4b5a90e4d746", "delete_type": "DELETE", "delete_hash": "41efa710444abad11a8f4b5a90e4d746", "hash": "2f4105bc2c626232544275c2d890168b", "stats_url": "http://yoursite.com/2Vv~s", "short_url": "2Vv", "file_id": "1253", "unique_hash": "60b0be7e3b18de9a3f00d940a8e5a9834c6cdc0f49d40af64973be5ca504c4fd", "url_html": "<a href=\"http://yoursite.com/2Vv\" target=\"_blank\" title=\"View image on File Upload Script\">view sample4_l (1).jpg on File Upload Script</a>", "url_bbcode": "[url]http://yoursite.com/2Vv[/url]" } ], "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/download sample.</summary>
    public const string FileDownload = """
        { "data": { "file_id": "1253", "filename": "sample4_l.jpg", "download_url": "http://yoursite.com/2Vv?download_token=c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067" }, "_status": "success", "_datetime": "…" }
        """;

    /// <summary>The /file/info sample (elisions removed).</summary>
    public const string FileInfo = """
        { "data": { "id": "1253", "filename": "sample4_l.jpg", "shortUrl": "2Vv" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/edit sample (elisions removed).</summary>
    public const string FileEdit = """
        { "response": "File successfully updated.", "data": { "id": "1253", "filename": "sample4.jpg", "shortUrl": "2Vv" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/delete sample (elisions removed).</summary>
    public const string FileDelete = """
        { "response": "File successfully set as deleted.", "data": { "id": "1253", "filename": "sample4.jpg", "shortUrl": "2Vv", "status": "trash" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/move sample (elisions removed).</summary>
    public const string FileMove = """
        { "response": "File successfully moved.", "data": { "id": "1162", "filename": "button_back_over.gif", "shortUrl": "2U2" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /file/copy sample (elisions removed).</summary>
    public const string FileCopy = """
        { "response": "File successfully copyied.", "original_file": { "data": { "id": "1162", "filename": "button_back_over.gif", "shortUrl": "2U2" } }, "new_file": { "data": { "id": "1254", "filename": "button_back_over.gif", "shortUrl": "2Vw" } }, "_status": "success", "_datetime": "…" }
        """;

    /// <summary>The /folder/create sample (elisions removed).</summary>
    public const string FolderCreate = """
        { "response": "Folder successfully created.", "data": { "id": "125", "parentId": null, "folderName": "My New Folder", "totalSize": "0", "isPublic": "2", "accessPassword": "d9729feb74992cc3482b350163a1a010", "date_added": "2017-02-18 12:26:06", "date_updated": null, "url_folder": "http://yoursite.com/folder/125/My_New_Folder", "total_downloads": 0, "child_folder_count": 0, "file_count": 0 }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /folder/listing sample (elisions removed).</summary>
    public const string FolderListing = """
        { "data": { "folders": [ { "id": "123", "parentId": null, "folderName": "My Folder 1", "totalSize": "868689", "isPublic": "1", "date_added": "2017-02-15 20:02:05", "date_updated": null, "url_folder": "http://yoursite.com/folder/123/My_Folder_1", "total_downloads": 5864, "child_folder_count": 1, "file_count": 0 }, { "id": "107", "parentId": null, "folderName": "My Folder 2" } ], "files": [ { "id": "1161", "filename": "button_back.gif", "shortUrl": "2U1", "fileType": "image/gif", "extension": "gif", "fileSize": "1116", "status": "active", "downloads": "5865", "folderId": null, "keywords": "button,back,gif", "url_file": "http://yoursite.com/2U1" }, { "id": "1163", "filename": "button_cancel.gif", "shortUrl": "2U3" } ] }, "_status": "success", "_datetime": "…" }
        """;

    /// <summary>The /folder/info sample (elisions removed).</summary>
    public const string FolderInfo = """
        { "data": { "id": "123", "parentId": null, "folderName": "My Folder 1", "totalSize": "868689", "isPublic": "1", "accessPassword": null, "date_added": "2017-02-15 20:02:05", "date_updated": null, "url_folder": "http://yoursite.com/folder/123/My_Folder_1", "total_downloads": 5864, "child_folder_count": 1, "file_count": 0 }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /folder/edit sample (elisions removed).</summary>
    public const string FolderEdit = """
        { "response": "Folder successfully updated.", "data": { "id": "118", "parentId": "117", "folderName": "My New Folder Name", "totalSize": "1024538", "isPublic": "1", "accessPassword": null, "date_added": null, "date_updated": null, "url_folder": "http://yoursite.com/folder/118/My_New_Folder_Name", "total_downloads": 0, "child_folder_count": 0, "file_count": 11 }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;

    /// <summary>The /folder/delete sample.</summary>
    public const string FolderDelete = """
        { "response": "Folder successfully set as deleted.", "_status": "success", "_datetime": "…" }
        """;

    /// <summary>The /folder/move sample (elisions removed).</summary>
    public const string FolderMove = """
        { "response": "Folder successfully moved.", "data": { "id": "117", "parentId": "99", "folderName": "layered_png_files" }, "_status": "success", "_datetime": "2024-11-28 22:52:06" }
        """;
}
