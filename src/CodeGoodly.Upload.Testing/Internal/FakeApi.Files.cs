using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The <c>/file/*</c> endpoints.</summary>
internal sealed partial class FakeApi
{
    private const string FileNotFound = "Could not find file based on file_id.";

    private FakeAnswer FileUpload(FakeRequest request, AccountRecord caller)
    {
        // PHP behind some FastCGI setups sees no file at all in a chunked body.
        if (request.Upload is null || (RefuseChunkedUploads && (request.IsChunked || !request.HadContentLength)))
        {
            return Error("Did not receive uploaded file.");
        }

        UploadedPart upload = request.Upload;
        if (upload.Content.Length == 0)
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
            : package.MaxUploadSize > 0 && upload.Content.Length > package.MaxUploadSize
                ? $"The file is larger than the maximum upload size allowed for your account ({package.MaxUploadSize} bytes)."
                : null;
        if (refusal is not null)
        {
            return Success(new JsonArray(new JsonObject
            {
                ["name"] = upload.FileName,
                ["size"] = Id(upload.Content.Length),
                ["type"] = upload.ContentType ?? "application/octet-stream",
                ["error"] = refusal,
            }), "File uploaded");
        }

        FileRecord file = NewFile(caller.Id, folderId, upload.FileName, upload.ContentType ?? "application/octet-stream", upload.Content, request.ClientIp);
        string url = FileUrl(file);
        string title = WebUtility.HtmlEncode(file.Name);
        return Success(new JsonArray(new JsonObject
        {
            ["name"] = file.Name,
            ["size"] = Id(file.Content.Length),
            ["type"] = file.FileType,
            ["error"] = null,
            ["url"] = url,
            ["delete_url"] = $"{url}~d?{file.DeleteHash}",
            ["info_url"] = $"{url}~i?{file.DeleteHash}",
            ["delete_type"] = "DELETE",
            ["delete_hash"] = file.DeleteHash,
            ["hash"] = file.Md5,
            ["stats_url"] = url + "~s",
            ["short_url"] = file.ShortUrl,
            ["file_id"] = Id(file.Id),
            ["unique_hash"] = file.UniqueHash,
            ["url_html"] = $"<a href=\"{url}\" target=\"_blank\" title=\"View image on File Upload Script\">view {title} on File Upload Script</a>",
            ["url_bbcode"] = $"[url]{url}[/url]",
        }), "File uploaded");
    }

    private FakeAnswer FileDownload(FakeRequest request, AccountRecord caller) =>
        WithFile(request, caller, file =>
        {
            if (file.Status != "active")
            {
                return Error(FileNotFound);
            }

            string token = Hex(RandomNumberGenerator.GetBytes(32));
            downloads[token] = new DownloadGrant(file.Id, caller.Id);
            return Success(new JsonObject
            {
                ["file_id"] = Id(file.Id),
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

    private FileRecord NewFile(long ownerId, long? folderId, string name, string fileType, byte[] content, string clientIp)
    {
        long id = nextFileId++;
        var file = new FileRecord
        {
            Id = id,
            OwnerId = ownerId,
            FolderId = folderId,
            Name = name,
            FileType = fileType,
            Content = content,
#pragma warning disable CA5351 // The API's "hash" is the MD5 of the content; it identifies, it does not protect.
            Md5 = Hex(MD5.HashData(content)),
#pragma warning restore CA5351
            ShortUrl = ShortUrlOf(id),
            DeleteHash = Hex(RandomNumberGenerator.GetBytes(16)),
            UniqueHash = Hex(RandomNumberGenerator.GetBytes(32)),
            UploadedIp = clientIp,
            UploadedDate = Now,
        };
        files[id] = file;
        return file;
    }

    private string FileUrl(FileRecord file) => $"{SiteRoot}/{file.ShortUrl}";

    /// <summary>A file object: the listing's shape, or with <paramref name="detailed"/> the richer one of <c>/file/info</c> (<c>file_status</c> instead of <c>status</c>).</summary>
    private JsonObject FileJson(FileRecord file, bool detailed)
    {
        string url = FileUrl(file);
        int dot = file.Name.LastIndexOf('.');
        var json = new JsonObject
        {
            ["id"] = Id(file.Id),
            ["filename"] = file.Name,
            ["shortUrl"] = file.ShortUrl,
            ["fileType"] = file.FileType,
            ["extension"] = dot < 0 ? string.Empty : file.Name[(dot + 1)..].ToLowerInvariant(),
            ["fileSize"] = Id(file.Content.Length),
        };
        json[detailed ? "file_status" : "status"] = file.Status;
        json["downloads"] = Id(file.Downloads);
        json["folderId"] = Id(file.FolderId);
        json["keywords"] = null;
        json["url_file"] = url;
        if (detailed)
        {
            json["uploadedIP"] = file.UploadedIp;
            json["uploadedDate"] = Date(file.UploadedDate);
            json["lastAccessed"] = Date(file.LastAccessed); // never accessed reads 0000-00-00 00:00:00
            json["isPublic"] = "1";
            json["uploadSource"] = "api";
            json["url_file_info"] = $"{url}~i?{file.DeleteHash}";
            json["url_file_stats"] = url + "~s";
            json["url_file_delete"] = $"{url}~d?{file.DeleteHash}";
        }

        return json;
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

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
