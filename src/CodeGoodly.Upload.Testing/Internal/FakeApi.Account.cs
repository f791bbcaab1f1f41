using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The <c>/account/*</c> and <c>/package/*</c> endpoints, in the recorded server's words.</summary>
internal sealed partial class FakeApi
{
    /// <summary>Packages from this id up are administrators and moderators, which the API may not hand out.</summary>
    private const int ModeratorLevel = 10;
    private const int PasswordMinLength = 8;
    private const int PasswordMaxLength = 32;
    private const string AccountNotLoaded = "Failed loading a user account with the supplied account_id.";
    private const string AdminPackageRefused = "API can not be used to create admin or moderator accounts.";

    /// <summary>
    /// The account named by <c>account_id</c>, whoever asks (as recorded: a user may read another account by its id).
    /// An administrator may leave <c>account_id</c> out; no such account is <c>"data": false</c>.
    /// </summary>
    private FakeAnswer AccountInfo(FakeRequest request, AccountRecord caller)
    {
        if (request.NonEmpty("account_id") is not { } idText)
        {
            return caller.LevelId == AdminLevel ? Success(JsonValue.Create(false)) : Error("Please provide the account_id param.");
        }

        return FindAccount(idText) is { } account ? Success(AccountJson(account)) : Success(JsonValue.Create(false));
    }

    /// <summary>The caller's package; a user must name itself in <c>account_id</c>.</summary>
    private FakeAnswer AccountPackage(FakeRequest request, AccountRecord caller) =>
        request.NonEmpty("account_id") is null && caller.LevelId != AdminLevel
            ? Error("Please provide the account_id param.")
            : Success(PackageJson(packages[caller.LevelId]));

    private FakeAnswer PackageListing(FakeRequest request, AccountRecord caller) =>
        Success(new JsonObject { ["packages"] = new JsonArray(packages.Values.OrderBy(p => p.Id).Select(p => (JsonNode)PackageJson(p)).ToArray()) });

    private FakeAnswer AccountCreate(FakeRequest request, AccountRecord caller)
    {
        foreach (string required in new[] { "username", "password", "email" })
        {
            if (request.NonEmpty(required) is null)
            {
                return Error($"Please provide the {required} param.");
            }
        }

        string username = request.Raw("username")!;
        string password = request.Raw("password")!;
        string email = request.Raw("email")!;
        int usernameLength = Encoding.UTF8.GetByteCount(username); // PHP's strlen: bytes
        if (usernameLength is < 6 or > 16)
        {
            return Error("Username must be between 6-16 characters long.");
        }

        if (PasswordPolicy(password) is { } weak)
        {
            return Error(weak);
        }

        int levelId = 1;
        if (request.NonEmpty("package_id") is { } packageText && !TryPackage(packageText, out levelId, out FakeAnswer? refusal))
        {
            return refusal!;
        }

        if (accounts.Values.Any(a => string.Equals(a.Username, username, StringComparison.OrdinalIgnoreCase)))
        {
            return Error("Username already exists on another account");
        }

        if (EmailTaken(email, except: null))
        {
            return Error("Email address already exists on another account");
        }

        // The server inserts firstname and lastname as sent: a missing one is NULL in a NOT NULL column.
        foreach (string column in new[] { "firstname", "lastname" })
        {
            if (request.Raw(column) is null)
            {
                return DatabaseError($"SQLSTATE[23000]: Integrity constraint violation: 1048 Column '{column}' cannot be null", "create", 214);
            }
        }

        var account = new AccountRecord
        {
            Id = nextAccountId++,
            Username = username,
            Password = password,
            Key1 = RandomNumberGenerator.GetString(LowerAlphanumeric, 64),
            Key2 = RandomNumberGenerator.GetString(LowerAlphanumeric, 64),
            LevelId = levelId,
            Email = email,
            Status = request.NonEmpty("status") ?? "active",
            Title = request.NonEmpty("title"),
            FirstName = request.Raw("firstname"),
            LastName = request.Raw("lastname"),
            PaidExpiryDate = request.NonEmpty("paid_expiry_date"),
            DateCreated = Now,
        };
        accounts[account.Id] = account;
        return Success(AccountJson(account), "User successfully created.");
    }

    private FakeAnswer AccountEdit(FakeRequest request, AccountRecord caller)
    {
        if (!TryTargetAccount(request, "edit", out AccountRecord? account, out FakeAnswer? error))
        {
            return error!;
        }

        int levelId = account!.LevelId;
        if (request.NonEmpty("package_id") is { } packageText && !TryPackage(packageText, out levelId, out FakeAnswer? refusal))
        {
            return refusal!;
        }

        string? password = request.NonEmpty("password");
        if (password is not null && PasswordPolicy(password) is { } weak)
        {
            return Error(weak);
        }

        string? email = request.NonEmpty("email");
        if (email is not null && EmailTaken(email, except: account))
        {
            return Error("Email address already exists on another account");
        }

        account.LevelId = levelId;
        account.Password = password ?? account.Password;
        account.Email = email ?? account.Email;
        account.Status = request.NonEmpty("status") ?? account.Status;
        account.Title = request.NonEmpty("title") ?? account.Title;
        account.FirstName = request.NonEmpty("firstname") ?? account.FirstName;
        account.LastName = request.NonEmpty("lastname") ?? account.LastName;
        account.PaidExpiryDate = request.NonEmpty("paid_expiry_date") ?? account.PaidExpiryDate;
        return Success(AccountJson(account), "User successfully updated.");
    }

    private FakeAnswer AccountDelete(FakeRequest request, AccountRecord caller)
    {
        if (!TryTargetAccount(request, "delete", out AccountRecord? account, out FakeAnswer? error))
        {
            return error!;
        }

        accounts.Remove(account!.Id);
        foreach (string token in tokens.Where(t => t.Value.AccountId == account.Id).Select(t => t.Key).ToArray())
        {
            tokens.Remove(token);
        }

        foreach (FileRecord file in files.Values.Where(f => f.OwnerId == account.Id))
        {
            file.Status = "deleted";
        }

        foreach (FolderRecord folder in folders.Values.Where(f => f.OwnerId == account.Id))
        {
            folder.Deleted = true;
        }

        return Success(null, "User successfully deleted.");
    }

    /// <summary>The account an edit or delete names in <c>account_id</c>; administrators and moderators are out of the API's reach.</summary>
    private bool TryTargetAccount(FakeRequest request, string action, out AccountRecord? account, out FakeAnswer? error)
    {
        account = null;
        error = null;
        if (request.NonEmpty("account_id") is not { } idText)
        {
            // Both endpoints say "to edit", as the server does.
            error = Error("Please provide the account_id param of the account to edit.");
        }
        else if (FindAccount(idText) is not { } found)
        {
            error = Error(AccountNotLoaded);
        }
        else if (found.LevelId >= ModeratorLevel)
        {
            error = Error($"You can not {action} admin accounts via the API.");
        }
        else
        {
            account = found;
        }

        return account is not null;
    }

    private AccountRecord? FindAccount(string idText) =>
        long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && accounts.TryGetValue(id, out AccountRecord? account) ? account : null;

    /// <summary>A package the API may assign: not an administrator's or moderator's, and one the site has.</summary>
    private bool TryPackage(string packageText, out int levelId, out FakeAnswer? refusal)
    {
        refusal = null;
        if (!int.TryParse(packageText, NumberStyles.None, CultureInfo.InvariantCulture, out levelId) || !packages.ContainsKey(levelId))
        {
            refusal = levelId >= ModeratorLevel ? Error(AdminPackageRefused) : Error("Could not find package based on package_id.");
        }
        else if (levelId >= ModeratorLevel)
        {
            refusal = Error(AdminPackageRefused);
        }

        return refusal is null;
    }

    private bool EmailTaken(string email, AccountRecord? except) =>
        accounts.Values.Any(a => a != except && string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The site's password policy, in the server's words (lengths in bytes, like PHP's strlen).</summary>
    private static string? PasswordPolicy(string password)
    {
        int length = Encoding.UTF8.GetByteCount(password);
        return length < PasswordMinLength ? $"Password must be at least {PasswordMinLength} characters long"
            : length > PasswordMaxLength ? $"Password must be less than {PasswordMaxLength} characters long"
            : null;
    }

    /// <summary>
    /// A failed SQL statement, as the server reports it: HTTP 200, <c>Content-Type: application/json</c>, and an HTML
    /// "Database Error" paragraph with the PDO message and a stack trace instead of JSON.
    /// </summary>
    private static FakeAnswer DatabaseError(string pdoMessage, string apiMethod, int apiLine)
    {
        string html = "<p style='border:5px solid red;background-color:#fff;padding:12px;font-family: verdana, sans-serif;'><strong>Database Error:</strong><br/>"
            + $"PDOException: {pdoMessage} in <docroot>/core/includes/database.class.php:150\n"
            + "Stack trace:\n"
            + "#0 <docroot>/core/includes/database.class.php(150): PDOStatement->execute()\n"
            + $"#1 <docroot>/core/includes/api/v2/endpoint/account.api.php({apiLine.ToString(CultureInfo.InvariantCulture)}): Database->query()\n"
            + $"#2 <docroot>/core/includes/apiv2.class.php(110): apiAccount->{apiMethod}()\n"
            + "#3 <docroot>/api/v2/index.php(15): apiv2->processAPI()\n"
            + "#4 <docroot>/router.php(17): require('...')\n"
            + "#5 <docroot>/router.php(22): yeti_run()\n"
            + "#6 {main}</p>";
        return new FakeAnswer { Body = Encoding.UTF8.GetBytes(html), ErrorMessage = "Database Error: " + pdoMessage };
    }

    private JsonObject AccountJson(AccountRecord account) => new()
    {
        ["id"] = Db(account.Id),
        ["username"] = account.Username,
        ["level_id"] = Db(account.LevelId),
        ["email"] = account.Email,
        ["lastlogindate"] = DateOrNull(account.LastLoginDate),
        ["lastloginip"] = account.LastLoginIp,
        ["status"] = account.Status,
        ["title"] = account.Title,
        ["firstname"] = account.FirstName,
        ["lastname"] = account.LastName,
        ["languageId"] = Db(account.LanguageId),
        ["datecreated"] = DateOrNull(account.DateCreated),
        ["lastPayment"] = null,
        ["paidExpiryDate"] = account.PaidExpiryDate,
        ["storageLimitOverride"] = null,
    };

    private JsonObject PackageJson(PackageRecord package) => new()
    {
        ["id"] = Db(package.Id),
        ["label"] = package.Label,
        ["max_upload_size"] = Db(package.MaxUploadSize),
        ["can_upload"] = Db(package.CanUpload ? 1 : 0),
        ["wait_between_downloads"] = Db(0),
        ["download_speed"] = Db(0),
        ["max_storage_bytes"] = Db(0),
        ["show_site_adverts"] = Db(package.LevelType == "free user" ? 1 : 0),
        ["show_upgrade_screen"] = Db(package.LevelType == "admin" ? 0 : 1),
        ["days_to_keep_inactive_files"] = Db(0),
        ["concurrent_uploads"] = Db(100),
        ["concurrent_downloads"] = Db(0),
        ["downloads_per_24_hours"] = Db(0),
        ["max_download_filesize_allowed"] = Db(0),
        ["max_remote_download_urls"] = Db(50),
        ["level_type"] = package.LevelType,
        ["on_upgrade_page"] = Db(package.LevelType == "paid user" ? 1 : 0),
    };
}
