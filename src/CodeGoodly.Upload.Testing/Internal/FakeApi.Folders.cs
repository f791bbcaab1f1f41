using System.Globalization;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The <c>/folder/*</c> endpoints.</summary>
internal sealed partial class FakeApi
{
    private const string FolderNotFound = "Could not find folder based on folder_id.";

    private FakeAnswer FolderCreate(FakeRequest request, AccountRecord caller)
    {
        if (request.NonEmpty("folder_name") is not { } name)
        {
            return Error("Please provide the folder_name param.");
        }

        long? parentId = null;
        if (request.NonEmpty("parent_id") is { } parentText && parentText != "null")
        {
            if (FindFolder(caller, parentText) is not { } parent)
            {
                return Error("Could not find the parent folder id defined by parent_id.");
            }

            parentId = parent.Id;
        }

        var folder = new FolderRecord
        {
            Id = nextFolderId++,
            OwnerId = caller.Id,
            ParentId = parentId,
            Name = name,
            IsPublic = Visibility(request.Raw("is_public")) ?? 0,
            AccessPassword = request.NonEmpty("access_password"),
            DateAdded = Now,
        };
        folders[folder.Id] = folder;
        return Success(FolderJson(folder, withPassword: true), "Folder successfully created.");
    }

    private FakeAnswer FolderListing(FakeRequest request, AccountRecord caller)
    {
        // A blank or 0 parent is the root; an unknown folder simply lists nothing, as deployed servers do.
        string? parentText = request.NonEmpty("parent_folder_id");
        long? parentId = parentText is null or "null" ? null
            : long.TryParse(parentText, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : -1;
        var childFolders = folders.Values
            .Where(f => f.OwnerId == caller.Id && !f.Deleted && f.ParentId == parentId)
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id)
            .Select(f => (JsonNode)FolderJson(f, withPassword: false));
        var childFiles = files.Values
            .Where(f => f.OwnerId == caller.Id && f.Status == "active" && f.FolderId == parentId)
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id)
            .Select(f => (JsonNode)FileJson(f, detailed: false));
        return Success(new JsonObject { ["folders"] = new JsonArray(childFolders.ToArray()), ["files"] = new JsonArray(childFiles.ToArray()) });
    }

    private FakeAnswer FolderInfo(FakeRequest request, AccountRecord caller) =>
        request.NonEmpty("folder_id") is not { } folderText ? Error("Please provide the folder_id param.")
            : FindFolder(caller, folderText) is { } folder ? Success(FolderJson(folder, withPassword: true))
            : Error(FolderNotFound);

    private FakeAnswer FolderEdit(FakeRequest request, AccountRecord caller)
    {
        if (FindFolder(caller, request.NonEmpty("folder_id")) is not { } folder)
        {
            return Error(FolderNotFound);
        }

        long? parentId = folder.ParentId;
        if (request.NonEmpty("parent_id") is { } parentText)
        {
            if (parentText == "null")
            {
                parentId = null;
            }
            else if (FindFolder(caller, parentText) is { } parent && !IsSelfOrDescendant(parent.Id, folder.Id))
            {
                parentId = parent.Id;
            }
            else
            {
                return Error("Could not find the destination folder id defined by parent_id.");
            }
        }

        folder.Name = request.NonEmpty("folder_name") ?? folder.Name;
        folder.ParentId = parentId;
        folder.IsPublic = Visibility(request.Raw("is_public")) ?? folder.IsPublic;
        folder.AccessPassword = request.NonEmpty("access_password") ?? folder.AccessPassword;
        folder.DateUpdated = Now;
        return Success(FolderJson(folder, withPassword: true), "Folder successfully updated.");
    }

    private FakeAnswer FolderDelete(FakeRequest request, AccountRecord caller)
    {
        if (request.NonEmpty("folder_id") is not { } folderText)
        {
            return Error("Please provide the folder_id param.");
        }

        if (FindFolder(caller, folderText) is not { } folder)
        {
            return Error("Failed deleting the folder.");
        }

        DeleteTree(folder);
        return Success(null, "Folder successfully set as deleted.");
    }

    private FakeAnswer FolderMove(FakeRequest request, AccountRecord caller)
    {
        if (request.NonEmpty("folder_id") is not { } folderText)
        {
            return Error("Please provide the folder_id param.");
        }

        if (request.NonEmpty("new_parent_folder_id") is not { } destinationText)
        {
            return Error("Please provide the new_parent_folder_id param.");
        }

        if (folderText == destinationText)
        {
            return Error("Param folder_id can not match new_parent_folder_id.");
        }

        if (FindFolder(caller, folderText) is not { } folder)
        {
            return Error("Failed moving the folder.");
        }

        long? destination = null;
        if (destinationText != "null")
        {
            if (FindFolder(caller, destinationText) is not { } parent)
            {
                return Error("Could not find the destination folder id defined by new_parent_folder_id.");
            }

            if (IsSelfOrDescendant(parent.Id, folder.Id))
            {
                return Error("Failed moving the folder.");
            }

            destination = parent.Id;
        }

        folder.ParentId = destination;
        folder.DateUpdated = Now;
        return Success(FolderJson(folder, withPassword: true), "Folder successfully moved.");
    }

    private FolderRecord? FindFolder(AccountRecord caller, string? idText) =>
        long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
        && folders.TryGetValue(id, out FolderRecord? folder) && folder.OwnerId == caller.Id && !folder.Deleted
            ? folder
            : null;

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="folderId"/> or sits somewhere below it.</summary>
    private bool IsSelfOrDescendant(long candidate, long folderId)
    {
        for (long? current = candidate; current is long id; current = folders.TryGetValue(id, out FolderRecord? f) ? f.ParentId : null)
        {
            if (id == folderId)
            {
                return true;
            }
        }

        return false;
    }

    private void DeleteTree(FolderRecord folder)
    {
        folder.Deleted = true;
        foreach (FileRecord file in files.Values.Where(f => f.FolderId == folder.Id && f.Status == "active"))
        {
            file.Status = "trash";
        }

        foreach (FolderRecord child in folders.Values.Where(f => f.ParentId == folder.Id && !f.Deleted).ToArray())
        {
            DeleteTree(child);
        }
    }

    private static int? Visibility(string? text) => text switch
    {
        "0" => 0,
        "1" => 1,
        "2" => 2,
        _ => null,
    };

    /// <summary>A folder object: database values as <see cref="Db(long)"/> writes them, the counts PHP computes as numbers.</summary>
    private JsonObject FolderJson(FolderRecord folder, bool withPassword)
    {
        var active = files.Values.Where(f => f.FolderId == folder.Id && f.Status == "active").ToArray();
        var json = new JsonObject
        {
            ["id"] = Db(folder.Id),
            ["parentId"] = Db(folder.ParentId),
            ["folderName"] = folder.Name,
            ["totalSize"] = Db(active.Sum(f => f.Content.Length)),
            ["isPublic"] = Db(folder.IsPublic),
        };
        if (withPassword)
        {
            json["accessPassword"] = folder.AccessPassword;
        }

        json["date_added"] = Date(folder.DateAdded);
        json["date_updated"] = DateOrNull(folder.DateUpdated);
        json["url_folder"] = $"{SiteRoot}/folder/{folder.Id}/{PhpText.Slug(folder.Name)}";
        json["total_downloads"] = active.Sum(f => f.Downloads);
        json["child_folder_count"] = folders.Values.Count(f => f.ParentId == folder.Id && !f.Deleted);
        json["file_count"] = active.Length;
        return json;
    }
}
