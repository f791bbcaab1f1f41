using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// The fake's API: in-memory accounts, packages, folders, files and tokens, and one handler per endpoint that answers like a
/// deployed server (see docs/fake-server.md). Every handler runs under one lock, so concurrent requests see a consistent state.
/// </summary>
internal sealed partial class FakeApi
{
    public const int AdminLevel = 20;
    public const string TokenRejected = "Could not validate access_token and account_id, please reauthenticate or try again.";
    public const string AccountTokenRejected = "Could not validate access_token, please reauthenticate or try again.";
    private const string Alphanumeric = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string LowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static readonly HashSet<string> Controllers = new(StringComparer.Ordinal) { "account", "file", "folder", "package" };

    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly Dictionary<long, AccountRecord> accounts = [];
    private readonly Dictionary<int, PackageRecord> packages = [];
    private readonly Dictionary<long, FolderRecord> folders = [];
    private readonly Dictionary<long, FileRecord> files = [];
    private readonly Dictionary<string, TokenRecord> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DownloadGrant> downloads = new(StringComparer.Ordinal);
    private long nextAccountId = 158642;
    private long nextFolderId = 125;
    private long nextFileId = 1253;

    public FakeApi(TimeProvider clock, TimeSpan tokenIdleTimeout)
    {
        this.clock = clock;
        TokenIdleTimeout = tokenIdleTimeout;
        foreach (var package in new[]
        {
            new PackageRecord { Id = 1, Label = "Free Account", LevelType = "free user", MaxUploadSize = 104857600 },
            new PackageRecord { Id = 2, Label = "Premium Account", LevelType = "paid user" },
            new PackageRecord { Id = 3, Label = "Read Only Account", LevelType = "free user", CanUpload = false },
            new PackageRecord { Id = AdminLevel, Label = "Admin", LevelType = "admin", MaxUploadSize = 0 },
        })
        {
            packages[package.Id] = package;
        }
    }

    /// <summary>The site's root address, e.g. <c>http://127.0.0.1:5123</c>; set once the server listens.</summary>
    public string SiteRoot { get; set; } = "http://127.0.0.1";

    public TimeSpan TokenIdleTimeout { get; set; }

    public bool RefuseChunkedUploads { get; set; }

    /// <summary>Database columns as JSON numbers (PHP 8.1+) instead of strings; read on every answer, so it may change while running.</summary>
    public bool DatabaseValuesAsNumbers { get; set; }

    /// <summary><c>"hash": false</c> in upload answers unless the bytes are already stored.</summary>
    public bool UploadHashAsFalse { get; set; }

    /// <summary>Whether a new <c>/authorize</c> deletes the account's earlier tokens, as deployed servers do.</summary>
    public bool OneTokenPerAccount { get; set; } = true;

    public AccountRecord AddAccount(string username, string password, int levelId, string? email, bool apiAccess)
    {
        lock (gate)
        {
            if (accounts.Values.Any(a => string.Equals(a.Username, username, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"An account named '{username}' already exists.", nameof(username));
            }

            if (!packages.ContainsKey(levelId))
            {
                throw new ArgumentOutOfRangeException(nameof(levelId), levelId, "The fake's packages are 1 (free), 2 (premium), 3 (read only, no uploads) and 20 (admin).");
            }

            var account = new AccountRecord
            {
                Id = nextAccountId++,
                Username = username,
                Password = password,
                Key1 = RandomNumberGenerator.GetString(LowerAlphanumeric, 64),
                Key2 = RandomNumberGenerator.GetString(LowerAlphanumeric, 64),
                LevelId = levelId,
                Email = email ?? username + "@example.com",
                Title = "Mr",
                FirstName = username,
                LastName = "User",
                LanguageId = 1,
                DateCreated = Now,
                ApiAccess = apiAccess,
            };
            accounts[account.Id] = account;
            return account;
        }
    }

    public void ExpireAllTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    public int ActiveTokenCount
    {
        get
        {
            lock (gate)
            {
                PurgeIdleTokens();
                return tokens.Count;
            }
        }
    }

    /// <summary>The content of a file (active, trashed or deleted), or <see langword="null"/> when there is no such file.</summary>
    public Storage.FileContent? ContentOf(long fileId)
    {
        lock (gate)
        {
            return files.TryGetValue(fileId, out FileRecord? file) ? file.Content : null;
        }
    }

    /// <summary>The content version of a file (1, then one more per replacement), or <see langword="null"/> when there is no such file.</summary>
    public int? ContentVersionOf(long fileId)
    {
        lock (gate)
        {
            return files.TryGetValue(fileId, out FileRecord? file) ? file.ContentVersion : null;
        }
    }

    /// <summary>Stores a file for <paramref name="ownerId"/> in the root folder, as if uploaded; returns its id.</summary>
    public long AddFile(long ownerId, string name, Storage.FileContent content)
    {
        lock (gate)
        {
            if (!accounts.ContainsKey(ownerId))
            {
                throw new ArgumentException($"The fake has no account {ownerId}.", nameof(ownerId));
            }

            return NewFile(ownerId, null, FreeName(ownerId, null, name), "application/octet-stream", content, "127.0.0.1").Id;
        }
    }

    /// <summary>Gives a file new content, a new content version (<c>ETag</c>) and a new change date (<c>Last-Modified</c>).</summary>
    public void ReplaceContent(long fileId, Storage.FileContent content)
    {
        lock (gate)
        {
            if (!files.TryGetValue(fileId, out FileRecord? file))
            {
                throw new ArgumentException($"The fake has no file {fileId}.", nameof(fileId));
            }

            content.Adopt();
            file.Content = content;
            file.ContentVersion++;
            file.ContentChangedAt = Now;
        }
    }

    /// <summary>Every file, in id order, as the public snapshot.</summary>
    public IReadOnlyList<FakeFile> FileSnapshots()
    {
        lock (gate)
        {
            return files.Values.OrderBy(f => f.Id).Select(f => new FakeFile
            {
                Id = new FileId(f.Id),
                Name = f.Name,
                Length = f.Content.Length,
                FolderId = f.FolderId is long folder ? new FolderId(folder) : null,
                AccountId = f.OwnerId,
                Status = f.Status,
                HasContent = f.Content.HasBytes,
            }).ToArray();
        }
    }

    /// <summary>Changes what a package allows (what <c>/account/package</c> reports and <c>/file/upload</c> enforces).</summary>
    public void SetPackageLimits(int levelId, long maxUploadSize, bool canUpload)
    {
        lock (gate)
        {
            if (!packages.TryGetValue(levelId, out PackageRecord? package))
            {
                throw new ArgumentOutOfRangeException(nameof(levelId), levelId, "The fake's packages are 1 (free), 2 (premium), 3 (read only, no uploads) and 20 (admin).");
            }

            package.MaxUploadSize = maxUploadSize;
            package.CanUpload = canUpload;
        }
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Answers one API request (the path below <c>/api/v2/</c>, already lower-cased).</summary>
    public FakeAnswer Handle(FakeRequest request)
    {
        lock (gate)
        {
            // Deployed servers purge idle tokens on every request.
            PurgeIdleTokens();
            string[] segments = request.Endpoint.Split('/', 2);
            return request.Endpoint switch
            {
                Endpoints.Authorize => Authorize(request),
                Endpoints.DisableAccessToken => WithSession(request, DisableToken),
                Endpoints.AccountInfo => WithAccountToken(request, AccountInfo),
                Endpoints.AccountPackage => WithAccountToken(request, AccountPackage),
                Endpoints.AccountCreate => WithAdmin(request, AccountCreate),
                Endpoints.AccountEdit => WithAdmin(request, AccountEdit),
                Endpoints.AccountDelete => WithAdmin(request, AccountDelete),
                Endpoints.PackageListing => WithAdmin(request, PackageListing),
                Endpoints.FileUpload => WithSession(request, FileUpload),
                Endpoints.FileDownload => WithSession(request, FileDownload),
                Endpoints.FileInfo => WithSession(request, (r, caller) => WithFile(r, caller, file => Success(FileJson(file, detailed: true)))),
                Endpoints.FileEdit => WithSession(request, FileEdit),
                Endpoints.FileDelete => WithSession(request, FileDelete),
                Endpoints.FileMove => WithSession(request, FileMove),
                Endpoints.FileCopy => WithSession(request, FileCopy),
                Endpoints.FolderCreate => WithSession(request, FolderCreate),
                Endpoints.FolderListing => WithSession(request, FolderListing),
                Endpoints.FolderInfo => WithSession(request, FolderInfo),
                Endpoints.FolderEdit => WithSession(request, FolderEdit),
                Endpoints.FolderDelete => WithSession(request, FolderDelete),
                Endpoints.FolderMove => WithSession(request, FolderMove),
                _ when Controllers.Contains(segments[0]) => NoMethod(segments[0], segments.Length > 1 ? segments[1] : "index"),
                _ => NoEndpoint(segments[0]),
            };
        }
    }

    /// <summary>Resolves a download token to the file's content, or <see langword="null"/> when the link is not (or no longer) valid.</summary>
    public DownloadTarget? Download(string downloadToken, bool countDownload)
    {
        lock (gate)
        {
            if (!downloads.TryGetValue(downloadToken, out DownloadGrant? grant)
                || !files.TryGetValue(grant.FileId, out FileRecord? file) || file.Status != "active")
            {
                return null;
            }

            file.LastAccessed = Now;
            if (countDownload)
            {
                file.Downloads++;
            }

            return new DownloadTarget(file.Id, file.Name, file.Content, file.ContentVersion, file.ContentChangedAt);
        }
    }

    // ---------------------------------------------------------------- session

    private FakeAnswer Authorize(FakeRequest request)
    {
        AccountRecord? account;
        if (request.Fields.ContainsKey("key1") || request.Fields.ContainsKey("key2"))
        {
            string key1 = request.Raw("key1") ?? string.Empty;
            string key2 = request.Raw("key2") ?? string.Empty;
            if (key1.Length != 64)
            {
                return Error("Please provide key1. It must be 64 characters in length.");
            }

            if (key2.Length != 64)
            {
                return Error("Please provide key2. It must be 64 characters in length.");
            }

            account = accounts.Values.FirstOrDefault(a => a.Key1 == key1 && a.Key2 == key2 && a.Status == "active");
            if (account is null)
            {
                return Error("Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins.");
            }
        }
        else
        {
            string? username = request.NonEmpty("username");
            string? password = request.NonEmpty("password");
            if (username is null)
            {
                return Error("Please provide a username.");
            }

            if (password is null)
            {
                return Error("Please provide a password.");
            }

            account = accounts.Values.FirstOrDefault(a => string.Equals(a.Username, username, StringComparison.OrdinalIgnoreCase) && a.Password == password && a.Status == "active");
            if (account is null)
            {
                return Error("Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.");
            }
        }

        if (!account.ApiAccess)
        {
            return Error("Your account level does not have access to the file upload API. Please contact site support for more information.");
        }

        // One token per account: a new authorization deletes the account's earlier tokens.
        foreach (string old in OneTokenPerAccount ? tokens.Where(t => t.Value.AccountId == account.Id).Select(t => t.Key).ToArray() : [])
        {
            tokens.Remove(old);
        }

        string token = RandomNumberGenerator.GetString(Alphanumeric, 128);
        tokens[token] = new TokenRecord { AccountId = account.Id, LastUsed = Now };
        account.LastLoginDate = Now;
        account.LastLoginIp = request.ClientIp;
        return Success(new JsonObject { ["access_token"] = token, ["account_id"] = Db(account.Id) });
    }

    private FakeAnswer DisableToken(FakeRequest request, AccountRecord caller)
    {
        tokens.Remove(request.Raw("access_token")!);
        return Success(null, "Token removed or no longer available.");
    }

    /// <summary>The session check of <c>/file/*</c>, <c>/folder/*</c> and <c>/disable_access_token</c>: token, account id, and the two must match.</summary>
    private FakeAnswer WithSession(FakeRequest request, Func<FakeRequest, AccountRecord, FakeAnswer> handler)
    {
        string? accessToken = request.NonEmpty("access_token");
        if (accessToken is null)
        {
            return Error("Please provide the access_token param.");
        }

        string? accountId = request.NonEmpty("account_id");
        if (accountId is null)
        {
            return Error("Please provide the account_id param.");
        }

        if (!tokens.TryGetValue(accessToken, out TokenRecord? token)
            || !accounts.TryGetValue(token.AccountId, out AccountRecord? caller)
            || accountId != Id(token.AccountId))
        {
            return Error(TokenRejected);
        }

        token.LastUsed = Now;
        return handler(request, caller);
    }

    /// <summary>
    /// The session check of <c>/account/*</c> and <c>/package/*</c>: the token alone (their <c>account_id</c> names the account
    /// to read or change), with their own wording. Whether <c>account_id</c> is needed is up to each endpoint.
    /// </summary>
    private FakeAnswer WithAccountToken(FakeRequest request, Func<FakeRequest, AccountRecord, FakeAnswer> handler)
    {
        if (request.NonEmpty("access_token") is not { } accessToken)
        {
            return Error("Please provide the access_token param.");
        }

        if (!tokens.TryGetValue(accessToken, out TokenRecord? token) || !accounts.TryGetValue(token.AccountId, out AccountRecord? caller))
        {
            return Error(AccountTokenRejected);
        }

        token.LastUsed = Now;
        return handler(request, caller);
    }

    /// <summary>The administrator endpoints: a user's token is refused before any parameter is looked at.</summary>
    private FakeAnswer WithAdmin(FakeRequest request, Func<FakeRequest, AccountRecord, FakeAnswer> handler) =>
        WithAccountToken(request, (r, caller) => caller.LevelId == AdminLevel
            ? handler(r, caller)
            : Error("API user must be an admin user for this endpoint."));

    private void PurgeIdleTokens()
    {
        DateTimeOffset cutoff = Now - TokenIdleTimeout;
        foreach (string idle in tokens.Where(t => t.Value.LastUsed < cutoff).Select(t => t.Key).ToArray())
        {
            tokens.Remove(idle);
        }
    }

    // ---------------------------------------------------------------- router errors

    private static FakeAnswer NoEndpoint(string name) =>
        new() { StatusCode = 404, Body = PhpJson.Encode(JsonValue.Create("No endpoint found for: " + name)), ErrorMessage = "No endpoint found for: " + name };

    private FakeAnswer NoMethod(string controller, string action)
    {
        string message = $"No method found within endpoint ({controller}): {action}";
        return new FakeAnswer
        {
            StatusCode = 404,
            Body = PhpJson.Encode(new JsonObject { ["0"] = message, ["_status"] = "error", ["_datetime"] = Date(Now) }),
            ErrorMessage = message,
        };
    }

    // ---------------------------------------------------------------- envelopes and JSON shapes

    private FakeAnswer Success(JsonNode? data, string? response = null)
    {
        var body = new JsonObject();
        if (response is not null)
        {
            body["response"] = response;
        }

        if (data is not null)
        {
            body["data"] = data;
        }

        body["_status"] = "success";
        body["_datetime"] = Date(Now);
        return new FakeAnswer { Body = PhpJson.Encode(body) };
    }

    /// <summary>An endpoint's error, as deployed servers send it: HTTP 200, key <c>status</c> without the underscore.</summary>
    public FakeAnswer Error(string message) =>
        new()
        {
            Body = PhpJson.Encode(new JsonObject { ["status"] = "error", ["response"] = message, ["_datetime"] = Date(Now) }),
            ErrorMessage = message,
        };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Id(long? id) => id is long value ? Id(value) : null;

    /// <summary>A value read from the database: a JSON number on PHP 8.1 and later (<see cref="DatabaseValuesAsNumbers"/>), a string before.</summary>
    private JsonValue Db(long value) => DatabaseValuesAsNumbers ? JsonValue.Create(value) : JsonValue.Create(Id(value));

    private JsonValue? Db(long? value) => value is long number ? Db(number) : null;

    internal static string Date(DateTimeOffset? date) =>
        date is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "0000-00-00 00:00:00";

    private static string? DateOrNull(DateTimeOffset? date) => date is null ? null : Date(date);
}
