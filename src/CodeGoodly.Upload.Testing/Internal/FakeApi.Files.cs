using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The <c>/file/*</c> endpoints.</summary>
internal sealed partial class FakeApi
{
    private const string FileNotFound = "Could not find file based on file_id.";
    private const string SiteName = "File Upload Script";

    private FakeAnswer FileUpload(FakeRequest request, AccountRecord caller)
    {
        // PHP behind some FastCGI setups sees no file at all in a chunked body.
        if (request.Upload is null || (RefuseChunkedUploads && (request.IsChunked || !request.HadContentLength)))
        {
            return Error("Did not receive uploaded file.");
        }

        UploadedPart upload = request.Upload;
        long length = upload.Content.Length;
        if (length == 0)
        {
            return Error("Filesize received was zero.");
        }

        long? folderId = null;
        if (request.NonEmpty("folder_id") is { } folderText)
        {
            if (FindFolder(caller, folderText) is not { } folder)
            {
                return Error(FolderNotFound);
            }

            folderId = folder.Id;
        }

        PackageRecord package = packages[caller.LevelId];
        string? refusal = !package.CanUpload ? "Your account level does not have permission to upload files."
            : package.MaxUploadSize > 0 && length > package.MaxUploadSize
                ? $"The file is larger than the maximum upload size allowed for your account ({package.MaxUploadSize} bytes)."
                : null;
        string name = FreeName(caller.Id, folderId, PhpText.CurlFileName(upload.FileName));
        if (refusal is not null)
        {
            return Success(new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["size"] = length,
                ["type"] = upload.ContentType ?? "application/octet-stream",
                ["error"] = refusal,
            }), "File uploaded");
        }

        // Bytes the site already stores: the server answers with that row's hash and size (a database value).
        string md5 = upload.Content.Md5;
        bool known = files.Values.Any(f => f.Status == "active" && f.Content.Length == length && f.Content.Md5 == md5);
        FileRecord file = NewFile(caller.Id, folderId, name, upload.ContentType ?? "application/octet-stream", upload.Content, request.ClientIp);
        string site = FileUrl(file);
        string url = $"{site}/{PhpText.Slug(file.Name)}";
        return Success(new JsonArray(new JsonObject
        {
            ["name"] = file.Name,
            ["size"] = known ? Db(length) : length,
            ["type"] = file.FileType,
            ["error"] = null,
            ["url"] = url,
            ["delete_url"] = $"{site}~d?{file.DeleteHash}",
            ["info_url"] = $"{site}~i?{file.DeleteHash}",
            ["delete_type"] = "DELETE",
            ["delete_hash"] = file.DeleteHash,
            ["hash"] = known || !UploadHashAsFalse ? JsonValue.Create(md5) : JsonValue.Create(false),
            ["stats_url"] = site + "~s",
            ["short_url"] = file.ShortUrl,
            ["file_id"] = Db(file.Id),
            ["unique_hash"] = file.UniqueHash,
            ["url_html"] = PhpText.HtmlSpecialChars($"<a href=\"{url}\" target=\"_blank\" title=\"View image on {SiteName}\">view {file.Name} on {SiteName}</a>"),
            ["url_bbcode"] = $"[url]{url}[/url]",
            ["success_result_html"] = $"<td class=\"cancel\">   <img src=\"{SiteRoot}/themes/default/images/green_tick_small.png\" height=\"16\" width=\"16\" alt=\"success\"/></td>"
                + $"<td class=\"name\">{file.Name}</td><td class=\"rightArrow\"><img src=\"{SiteRoot}/themes/default/images/blue_right_arrow.png\" width=\"8\" height=\"6\" /></td>"
                + $"<td class=\"url urlOff\">    <a href=\"{url}\" target=\"_blank\">{url}</a>    <div class=\"fileUrls hidden\">{url}</div></td>",
        }), "File uploaded");
    }

    /// <summary>The name an upload is stored under: taken by an active file of the account in that folder, the server adds " (2)", " (3)", … before the extension.</summary>
    private string FreeName(long ownerId, long? folderId, string name)
    {
        int dot = name.LastIndexOf('.');
        string stem = dot > 0 ? name[..dot] : name;
        string extension = dot > 0 ? name[dot..] : string.Empty;
        string candidate = name;
        for (int counter = 2; files.Values.Any(f => f.OwnerId == ownerId && f.FolderId == folderId && f.Status == "active"
            && string.Equals(f.Name, candidate, StringComparison.OrdinalIgnoreCase)); counter++)
        {
            candidate = $"{stem} ({counter.ToString(CultureInfo.InvariantCulture)}){extension}";
        }

        return candidate;
    }

    private FakeAnswer FileDownload(FakeRequest request, AccountRecord caller) =>
        WithFile(request, caller, file =>
        {
            if (file.Status != "active")
            {
                return Error(FileNotFound);
            }

            string token = Storage.LowerHex.Of(RandomNumberGenerator.GetBytes(32));
            downloads[token] = new DownloadGrant(file.Id, caller.Id);
            // file_id is echoed as the string sent, not read back from the database.
            return Success(new JsonObject
            {
                ["file_id"] = request.Raw("file_id"),
                ["filename"] = file.Name,
                ["download_url"] = $"{FileUrl(file)}?download_token={token}",
            });
        });

    private FakeAnswer FileEdit(FakeRequest request, AccountRecord caller) =>
        WithFile(request, caller, file =>
        {
            long? folderId = file.FolderId;
            if (request.NonEmpty("folder_id") is { } folderText)
            {
                if (folderText == "null")
                {
                    folderId = null;
                }
                else if (FindFolder(caller, folderText) is { } folder)
                {
                    folderId = folder.Id;
                }
                else
                {
                    return Error("Could not find the destination folder id defined by folder_id.");
                }
            }

            file.Name = request.NonEmpty("filename") ?? file.Name;
            file.FileType = request.NonEmpty("fileType") ?? file.FileType;
            file.FolderId = folderId;
            return Success(FileJson(file, detailed: true), "File successfully updated.");
        });

    private FakeAnswer FileDelete(FakeRequest request, AccountRecord caller) =>
        WithFile(request, caller, file =>
        {
            file.Status = "trash";
            return Success(FileJson(file, detailed: true), "File successfully set as deleted.");
        });

    private FakeAnswer FileMove(FakeRequest request, AccountRecord caller) =>
        RequireFields(request, ["file_id", "new_parent_folder_id"]) ?? WithFile(request, caller, file =>
        {
            if (!TryDestination(request, caller, "new_parent_folder_id", out long? destination, out FakeAnswer? error))
            {
                return error!;
            }

            file.FolderId = destination;
            return Success(FileJson(file, detailed: true), "File successfully moved.");
        });

    private FakeAnswer FileCopy(FakeRequest request, AccountRecord caller) =>
        RequireFields(request, ["file_id", "copy_to_folder_id"]) ?? WithFile(request, caller, file =>
        {
            if (!TryDestination(request, caller, "copy_to_folder_id", out long? destination, out FakeAnswer? error))
            {
                return error!;
            }

            FileRecord copy = NewFile(caller.Id, destination, file.Name, file.FileType, file.Content, request.ClientIp);

            // The copy answer has no top-level data, and the vendor's message says "copyied".
            var body = new JsonObject
            {
                ["response"] = "File successfully copyied.",
                ["original_file"] = new JsonObject { ["data"] = FileJson(file, detailed: true) },
                ["new_file"] = new JsonObject { ["data"] = FileJson(copy, detailed: true) },
                ["_status"] = "success",
                ["_datetime"] = Date(Now),
            };
            return new FakeAnswer { Body = PhpJson.Encode(body) };
        });

    /// <summary>The "Please provide the X param." error for the first missing field (PHP's <c>empty()</c>: blank and <c>0</c> are missing), checked before any lookup.</summary>
    private FakeAnswer? RequireFields(FakeRequest request, string[] names) =>
        names.FirstOrDefault(name => request.NonEmpty(name) is null) is { } missing ? Error($"Please provide the {missing} param.") : null;

    private FakeAnswer WithFile(FakeRequest request, AccountRecord caller, Func<FileRecord, FakeAnswer> handler)
    {
        if (request.NonEmpty("file_id") is not { } fileText)
        {
            return Error("Please provide the file_id param.");
        }

        return long.TryParse(fileText, NumberStyles.None, CultureInfo.InvariantCulture, out long fileId)
            && files.TryGetValue(fileId, out FileRecord? file) && file.OwnerId == caller.Id && file.Status != "deleted"
            ? handler(file)
            : Error(FileNotFound);
    }

    /// <summary>Reads a move or copy destination: the literal <c>null</c> is the root; blank or <c>0</c> is a missing parameter (PHP's <c>empty()</c>).</summary>
    private bool TryDestination(FakeRequest request, AccountRecord caller, string field, out long? destination, out FakeAnswer? error)
    {
        destination = null;
        error = null;
        if (request.NonEmpty(field) is not { } text)
        {
            error = Error($"Please provide the {field} param.");
            return false;
        }

        if (text == "null")
        {
            return true;
        }

        if (FindFolder(caller, text) is not { } folder)
        {
            error = Error($"Could not find the destination folder id defined by {field}.");
            return false;
        }

        destination = folder.Id;
        return true;
    }

    private FileRecord NewFile(long ownerId, long? folderId, string name, string fileType, Storage.FileContent content, string clientIp)
    {
        long id = nextFileId++;
        content.Adopt();
        var file = new FileRecord
        {
            Id = id,
            OwnerId = ownerId,
            FolderId = folderId,
            Name = name,
            FileType = fileType,
            Content = content,
            ContentChangedAt = Now,
            ShortUrl = ShortUrlOf(id),
            DeleteHash = Storage.LowerHex.Of(RandomNumberGenerator.GetBytes(16)),
            UniqueHash = Storage.LowerHex.Of(RandomNumberGenerator.GetBytes(32)),
            UploadedIp = clientIp,
            UploadedDate = Now,
        };
        files[id] = file;
        return file;
    }

    private string FileUrl(FileRecord file) => $"{SiteRoot}/{file.ShortUrl}";

    /// <summary>A file object, keys in the server's order: the listing's shape, or with <paramref name="detailed"/> the richer one of <c>/file/info</c> (<c>file_status</c> instead of <c>status</c>).</summary>
    private JsonObject FileJson(FileRecord file, bool detailed)
    {
        string url = FileUrl(file);
        int dot = file.Name.LastIndexOf('.');
        var json = new JsonObject
        {
            ["id"] = Db(file.Id),
            ["filename"] = file.Name,
            ["shortUrl"] = file.ShortUrl,
            ["fileType"] = file.FileType,
            ["extension"] = dot < 0 ? string.Empty : file.Name[(dot + 1)..].ToLowerInvariant(),
            ["fileSize"] = Db(file.Content.Length),
        };
        if (detailed)
        {
            json["uploadedIP"] = file.UploadedIp;
            json["uploadedDate"] = Date(file.UploadedDate);
            json["file_status"] = file.Status;
            json["downloads"] = Db(file.Downloads);
            json["lastAccessed"] = Date(file.LastAccessed); // never accessed reads 0000-00-00 00:00:00
            json["folderId"] = Db(file.FolderId);
            json["keywords"] = null;
            json["isPublic"] = Db(1);
            json["uploadSource"] = "api";
            json["url_file"] = url;
            json["url_file_info"] = url + "~i";
            json["url_file_stats"] = url + "~s";
            json["url_file_delete"] = $"{url}~d?{file.DeleteHash}";
        }
        else
        {
            json["status"] = file.Status;
            json["downloads"] = Db(file.Downloads);
            json["folderId"] = Db(file.FolderId);
            json["keywords"] = null;
            json["url_file"] = url;
        }

        return json;
    }


    private static string ShortUrlOf(long id)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var text = new System.Text.StringBuilder();
        for (long rest = id; rest > 0; rest /= digits.Length)
        {
            text.Insert(0, digits[(int)(rest % digits.Length)]);
        }

        return text.ToString();
    }
}
