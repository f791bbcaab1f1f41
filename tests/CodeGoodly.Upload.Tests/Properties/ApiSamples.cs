namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>Every endpoint with the answer the vendor documents for it and a call that reaches it through the public API.</summary>
internal static class ApiSamples
{
    private const string File = """{"id":"1253","filename":"sample4_l.jpg","shortUrl":"2Vv","fileType":"image/jpeg","extension":"jpg","fileSize":"149084","status":"active","file_status":"active","downloads":"5865","folderId":null,"keywords":"button,back,gif","url_file":"http://yoursite.com/2U1","uploadedDate":"2024-11-28 22:52:06","lastAccessed":"0000-00-00 00:00:00","uploadSource":"api","url_file_info":"http://yoursite.com/2Vv~i","url_file_stats":"http://yoursite.com/2Vv~s","url_file_delete":"http://yoursite.com/2Vv~d"}""";
    private const string Folder = """{"id":"123","parentId":null,"folderName":"My Folder 1","totalSize":"868689","isPublic":"1","accessPassword":null,"date_added":"2017-02-15 20:02:05","date_updated":null,"url_folder":"http://yoursite.com/folder/123/My_Folder_1","total_downloads":5864,"child_folder_count":1,"file_count":0}""";
    private const string Account = """{"id":"158642","username":"admin","level_id":"20","email":"admin@example.com","lastlogindate":"2017-02-18 11:43:39","lastloginip":"192.168.33.1","status":"active","title":"Mr","firstname":"Admin","lastname":"User","languageId":"1","datecreated":null,"lastPayment":"2011-12-27 13:45:22","paidExpiryDate":null,"storageLimitOverride":null}""";
    private const string Package = """{"id":"20","label":"Premium Account","max_upload_size":"1073741824","can_upload":"1","wait_between_downloads":"0","download_speed":"0","max_storage_bytes":"0","show_site_adverts":"0","show_upgrade_screen":"1","days_to_keep_inactive_files":"0","concurrent_uploads":"100","concurrent_downloads":"0","downloads_per_24_hours":"0","max_download_filesize_allowed":"0","max_remote_download_urls":"50","level_type":"paid user","on_upgrade_page":"0"}""";
    private const string Tail = ""","_status":"success","_datetime":"2024-11-28 22:52:06"}""";

    public static readonly IReadOnlyList<Endpoint> All =
    [
        new("authorize", """{"data":{"access_token":"lGoVSof0VRwq1Gaza8fODfIxQ4pu6j6rZvnRUCRPunfw4q5ezk3dALLqQbUWu1ntxKkrnbgSzwoDWtSwOVJoHuPxFKt9LRCjCXK081SIxgmuJe1y9KXQfMoVwS4iJHBm","account_id":"158642"}""" + Tail,
            (c, ct) => c.Account.GetInfoAsync(ct)),
        new("account/info", """{"data":""" + Account + Tail, (c, ct) => c.Account.GetInfoAsync(ct)),
        new("account/package", """{"data":""" + Package + Tail, (c, ct) => c.Account.GetPackageAsync(ct)),
        new("file/upload", """{"response":"File uploaded","data":[{"name":"sample4_l.jpg","size":"149084","type":"application/octet-stream","error":null,"url":"http://yoursite.com/2Vv","delete_url":"http://yoursite.com/2Vv~d?41ef","info_url":"http://yoursite.com/2Vv~i?41ef","delete_type":"DELETE","delete_hash":"41efa710444abad11a8f4b5a90e4d746","hash":"2f4105bc2c626232544275c2d890168b","stats_url":"http://yoursite.com/2Vv~s","short_url":"2Vv","file_id":"1253","unique_hash":"60b0","url_html":"<a href=\"http://yoursite.com/2Vv\">view</a>","url_bbcode":"[url]http://yoursite.com/2Vv[/url]"}]""" + Tail,
            (c, ct) => c.Files.UploadAsync(new MemoryStream("hello"u8.ToArray()), "a.txt", cancellationToken: ct)),
        new("file/download", """{"data":{"file_id":"1253","filename":"sample4_l.jpg","download_url":"http://yoursite.com/2Vv?download_token=c3e6289a"}""" + Tail,
            (c, ct) => c.Files.GetDownloadLinkAsync(new FileId(1253), ct)),
        new("file/info", """{"data":""" + File + Tail, (c, ct) => c.Files.GetInfoAsync(new FileId(1253), ct)),
        new("file/edit", """{"response":"File successfully updated.","data":""" + File + Tail, (c, ct) => c.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "b.jpg"), ct)),
        new("file/delete", """{"response":"File successfully set as deleted.","data":""" + File + Tail, (c, ct) => c.Files.DeleteAsync(new FileId(1253), ct)),
        new("file/move", """{"response":"File successfully moved.","data":""" + File + Tail, (c, ct) => c.Files.MoveAsync(new FileId(1253), new FolderId(5), ct)),
        new("file/copy", """{"response":"File successfully copyied.","original_file":{"data":""" + File + """},"new_file":{"data":""" + File + "}" + Tail,
            (c, ct) => c.Files.CopyAsync(new FileId(1253), null, ct)),
        new("folder/create", """{"response":"Folder successfully created.","data":""" + Folder + Tail, (c, ct) => c.Folders.CreateAsync("My Folder 1", cancellationToken: ct)),
        new("folder/listing", """{"data":{"folders":[""" + Folder + "," + Folder + """],"files":[""" + File + "]}" + Tail, (c, ct) => c.Folders.ListAsync(cancellationToken: ct)),
        new("folder/info", """{"data":""" + Folder + Tail, (c, ct) => c.Folders.GetInfoAsync(new FolderId(123), ct)),
        new("folder/edit", """{"response":"Folder successfully updated.","data":""" + Folder + Tail, (c, ct) => c.Folders.EditAsync(new FolderId(123), new FolderChanges(FolderName: "x"), ct)),
        new("folder/delete", """{"response":"Folder successfully set as deleted.","_status":"success","_datetime":"2024-11-28 22:52:06"}""", (c, ct) => c.Folders.DeleteAsync(new FolderId(123), ct)),
        new("folder/move", """{"response":"Folder successfully moved.","data":""" + Folder + Tail, (c, ct) => c.Folders.MoveAsync(new FolderId(123), new FolderId(99), ct)),
        new("account/create", """{"data":""" + Account + Tail, (c, ct) => c.Admin.CreateAccountAsync(new NewAccount { Username = "u", Password = "p", Email = "e@example.com" }, ct)),
        new("account/edit", """{"data":""" + Account + Tail, (c, ct) => c.Admin.EditAccountAsync(158642, new AccountChanges { Email = "e@example.com" }, ct)),
        new("account/delete", """{"response":"Account deleted.","_status":"success"}""", (c, ct) => c.Admin.DeleteAccountAsync(158642, ct)),
        new("package/listing", """{"data":[""" + Package + "," + Package + "]" + Tail, (c, ct) => c.Admin.ListPackagesAsync(ct)),
    ];

    /// <summary>An endpoint, its documented answer, and a public call that reaches it.</summary>
    internal sealed record Endpoint(string Path, string Sample, Func<UploadClient, CancellationToken, Task> Call)
    {
        public override string ToString() => Path;
    }
}
